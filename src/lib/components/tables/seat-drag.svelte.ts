/**
 * Dragging a person from one table to another in the facilitator's panel, with pointer events
 * rather than HTML5 drag and drop: one code path serves a mouse, a pen and a finger on a tablet
 * (HTML5 DnD needs a long press, or nothing at all, on touch browsers), and Playwright's
 * `locator.dragTo` drives it with real mouse moves. The handle captures the pointer, so its
 * moves and its release reach it wherever the pointer goes; the drop zone is the element under
 * the pointer carrying `data-seat-drop` (a table's id, or "" for "without a table").
 * The combobox next to each name stays the keyboard and screen-reader path.
 */

/** Pixels the pointer must travel before a press becomes a drag (a tap stays a tap). */
const THRESHOLD = 6;

export interface SeatDrop {
	personId: string;
	/** The table dropped onto, or null for "without a table". */
	tableId: string | null;
}

interface Press {
	personId: string;
	from: string;
	pointerId: number;
	x: number;
	y: number;
}

/** The drop zone under a screen point: a table id, "" for the unseated list, undefined for none. */
function zoneAt(x: number, y: number): string | undefined {
	const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-seat-drop]');
	return el?.dataset.seatDrop;
}

export class SeatDrag {
	/** The person being dragged, once the pointer has moved past the threshold. */
	personId = $state<string | null>(null);
	/** The drop zone under the pointer (a table id, "" for none), to highlight it. */
	over = $state<string | undefined>(undefined);
	/** Where to draw the floating name, in viewport pixels. */
	at = $state<{ x: number; y: number } | null>(null);
	#press: Press | null = null;

	/** Pointer down on a person's handle; `from` is their table id ("" when unseated). */
	grab(event: PointerEvent, personId: string, from: string): void {
		if (event.pointerType === 'mouse' && event.button !== 0) return;
		this.#press = { personId, from, pointerId: event.pointerId, x: event.clientX, y: event.clientY };
		(event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
	}

	move(event: PointerEvent): void {
		const press = this.#press;
		if (!press || event.pointerId !== press.pointerId) return;
		if (this.personId === null) {
			if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < THRESHOLD) return;
			this.personId = press.personId;
		}
		this.at = { x: event.clientX, y: event.clientY };
		this.over = zoneAt(event.clientX, event.clientY);
	}

	/** Pointer up: the move to make, or null (a tap, no zone, or the person's own table). */
	release(event: PointerEvent): SeatDrop | null {
		const press = this.#press;
		if (!press || event.pointerId !== press.pointerId) return null;
		const dragged = this.personId !== null;
		this.cancel();
		if (!dragged) return null;
		const zone = zoneAt(event.clientX, event.clientY);
		if (zone === undefined || zone === press.from) return null;
		return { personId: press.personId, tableId: zone === '' ? null : zone };
	}

	/** Escape, a lost capture or a cancelled pointer (a system gesture): nothing moves. */
	cancel(): void {
		this.#press = null;
		this.personId = null;
		this.over = undefined;
		this.at = null;
	}
}
