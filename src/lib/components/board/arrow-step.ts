const DIRECTIONS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * How far an arrow key moves a note or a cluster on the board (board units): 20, or 100 with
 * Shift; null for any other key. Moving by keyboard is how the board works without a mouse.
 */
export function arrowStep(e: KeyboardEvent, step = 20): [number, number] | null {
	const d = DIRECTIONS[e.key];
	if (!d) return null;
	const k = step * (e.shiftKey ? 5 : 1);
	return [d[0] * k, d[1] * k];
}
