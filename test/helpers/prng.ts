/** mulberry32: a tiny seeded PRNG so that a failing fuzz run can be replayed from its seed. */
export function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (max: number) => Math.floor(next() * max),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
		bytes(n: number): Uint8Array {
			const b = new Uint8Array(n);
			for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
			return b;
		}
	};
}
export type Prng = ReturnType<typeof prng>;
