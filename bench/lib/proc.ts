import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * CPU and memory of a process read from /proc (Linux), so the server is measured from the
 * outside with the same method whether it is Concerto or the reference.
 */

const CLK_TCK = Number(safe(() => execFileSync('getconf', ['CLK_TCK']).toString().trim())) || 100;
const PAGE_SIZE = Number(safe(() => execFileSync('getconf', ['PAGESIZE']).toString().trim())) || 4096;

function safe<T>(f: () => T): T | null {
	try {
		return f();
	} catch {
		return null;
	}
}

export interface ProcSample {
	/** user + system CPU time so far, in seconds */
	cpuSeconds: number;
	rssBytes: number;
	/** monotonic wall clock in ms */
	at: number;
}

/** The shared monotonic clock (CLOCK_MONOTONIC): the same time base in every process of the machine. */
export const monoNow = (): number => Number(process.hrtime.bigint()) / 1e6;

export function sampleProc(pid: number): ProcSample | null {
	const stat = safe(() => readFileSync(`/proc/${pid}/stat`, 'utf8'));
	if (!stat) return null;
	// The command name (field 2) may contain spaces; every field after its closing ')' is plain.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// fields[0] is field 3 (state): utime is field 14, stime 15, rss 24.
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	const rssPages = Number(fields[21]);
	return { cpuSeconds: (utime + stime) / CLK_TCK, rssBytes: rssPages * PAGE_SIZE, at: monoNow() };
}

/** CPU used between two samples, in percent of one core. */
export function cpuPercent(a: ProcSample | null, b: ProcSample | null): number | null {
	if (!a || !b || b.at <= a.at) return null;
	return ((b.cpuSeconds - a.cpuSeconds) / ((b.at - a.at) / 1000)) * 100;
}

/**
 * CPU used between two samples per delivered message, in microseconds: unlike a percentage it
 * does not depend on how long the deliveries took, which a busy machine stretches.
 */
export function cpuMicrosPer(a: ProcSample | null, b: ProcSample | null, messages: number): number | null {
	if (!a || !b || messages <= 0) return null;
	return ((b.cpuSeconds - a.cpuSeconds) * 1e6) / messages;
}

/** Sum of several processes' samples (the client workers). */
export function sampleAll(pids: number[]): ProcSample | null {
	const samples = pids.map(sampleProc);
	if (samples.some((s) => s === null)) return null;
	return {
		cpuSeconds: samples.reduce((t, s) => t + s!.cpuSeconds, 0),
		rssBytes: samples.reduce((t, s) => t + s!.rssBytes, 0),
		at: monoNow()
	};
}

/** Whole-machine CPU busy share from /proc/stat, to see when the run is starved by others. */
export function machineCpu(): { busy: number; total: number } | null {
	const line = safe(() => readFileSync('/proc/stat', 'utf8').split('\n')[0]);
	if (!line) return null;
	const n = line.trim().split(/\s+/).slice(1).map(Number);
	const idle = n[3] + (n[4] ?? 0);
	const total = n.reduce((a, b) => a + b, 0);
	return { busy: total - idle, total };
}

export type MachineSample = ReturnType<typeof machineCpu>;

/** The whole machine's busy CPU between two `machineCpu()` samples, in percent of one core (200 % = both of two cores). */
export function machineCpuPercent(a: MachineSample, b: MachineSample): number | null {
	if (!a || !b || b.total <= a.total) return null;
	return ((b.busy - a.busy) / (b.total - a.total)) * 100 * cpus().length;
}
