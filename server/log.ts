import pino from 'pino';

export type Log = pino.Logger;

/** Structured JSON lines on stdout: one line per event, never a client's stack. */
export function createLog(level: string): Log {
	return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
