/**
 * A short two-note chime for the end of a phase, synthesised (no audio file to download).
 * Browsers allow sound only after a user gesture on the page: the toggle that enables the
 * chime is that gesture, and it calls `unlockChime` first.
 */
let context: AudioContext | null = null;

export function unlockChime(): void {
	if (typeof AudioContext === 'undefined') return;
	context ??= new AudioContext();
	void context.resume();
}

export function playChime(): void {
	if (!context) return;
	const start = context.currentTime;
	for (const [i, frequency] of [880, 660].entries()) {
		const osc = context.createOscillator();
		const gain = context.createGain();
		osc.frequency.value = frequency;
		gain.gain.setValueAtTime(0.0001, start + i * 0.35);
		gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.35 + 0.02);
		gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.35 + 0.6);
		osc.connect(gain).connect(context.destination);
		osc.start(start + i * 0.35);
		osc.stop(start + i * 0.35 + 0.65);
	}
}
