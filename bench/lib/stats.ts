/** Percentiles by nearest rank on a sorted copy; null for an empty sample. */
export function percentiles(values: ArrayLike<number>, ps: number[]): (number | null)[] {
	if (values.length === 0) return ps.map(() => null);
	const sorted = Float64Array.from(values).sort();
	return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
}

export interface Summary {
	n: number;
	p50: number | null;
	p95: number | null;
	p99: number | null;
	max: number | null;
}

export function summarize(values: ArrayLike<number>): Summary {
	const [p50, p95, p99, max] = percentiles(values, [50, 95, 99, 100]);
	return { n: values.length, p50, p95, p99, max };
}

export function median(values: number[]): number | null {
	return percentiles(values, [50])[0];
}

export const round = (v: number | null | undefined, digits = 1): number | null =>
	v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits;
