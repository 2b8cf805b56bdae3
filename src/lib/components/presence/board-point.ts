/**
 * Where a pointer is on the board, in board units, for `presence.setCursor`: `plane` is the
 * zoomed element the notes are laid out in (its on-screen box already reflects scrolling).
 */
export function boardPoint(event: { clientX: number; clientY: number }, plane: Element, zoom: number): { x: number; y: number } {
	const box = plane.getBoundingClientRect();
	const z = zoom > 0 ? zoom : 1;
	return { x: (event.clientX - box.left) / z, y: (event.clientY - box.top) / z };
}
