import type { ErrorBody } from './errors.ts';

/**
 * The live channel (socket.io, path `/live`). The client connects with
 * `auth: { workshopId }` and its session cookie; each command is an event whose payload
 * carries a client-made `commandId` (a retry with the same id is applied once) and whose
 * acknowledgement is a {@link CommandResult}. The event names below are the whole API.
 */
export const LIVE_PATH = '/live';

/** 8–64 characters of [A-Za-z0-9_-]: long enough to be unique when made by `crypto.randomUUID`. */
export const COMMAND_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export interface NoteAddInput {
	commandId: string;
	text: string;
	x?: number;
	y?: number;
}
export interface NoteAddResult {
	noteId: string;
}

export interface LiveCommands {
	'note.add': { input: NoteAddInput; result: NoteAddResult };
}
export type CommandName = keyof LiveCommands;

export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** Sent by the server to a socket whose handshake it refused (socket.io `connect_error` data). */
export interface HandshakeRefusal {
	code: ErrorBody['code'];
}
