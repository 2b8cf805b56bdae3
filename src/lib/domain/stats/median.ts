/**
 * The median of some numbers, rounded to a whole number (the mean of the two middle ones when
 * their count is even); null when there are none. The input is not changed.
 */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}
