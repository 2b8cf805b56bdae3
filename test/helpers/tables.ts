import type { Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { RunningServer } from './server-process.ts';
import { connected, liveClient, send } from './clients.ts';
import { createWorkshop, joinAs, signUp } from './http.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import type { Category } from '../../src/lib/domain/workshop/categories.ts';
import type { ReadinessState, TableEvents, TablesView } from '../../src/lib/protocol/tables.ts';

/** Helpers of the table tests (issue 13), on one instance or two. */

let n = 0;
export const cmd = (prefix = 'tbl') => `${prefix}-${Date.now().toString(36)}-${n++}`;

/** A socket that keeps the last plan, readiness counts and own answer it heard. */
export interface Watched {
	socket: Socket;
	tables: TablesView | null;
	readiness: ReadinessState | null;
	mine: TableEvents['readiness.mine'];
}
export function watched(server: RunningServer, workshopId: string, cookie: string): Watched {
	const w: Watched = { socket: liveClient(server.url, workshopId, { cookie }), tables: null, readiness: null, mine: null };
	w.socket.on('tables.state', (s: TablesView | null) => (w.tables = s));
	w.socket.on('readiness.state', (s: ReadinessState | null) => (w.readiness = s));
	w.socket.on('readiness.mine', (s: TableEvents['readiness.mine']) => (w.mine = s));
	return w;
}

/** Twelve people of three collèges: six agents, three usagers, three élus. */
export const ROOM: Category[] = ['agent', 'agent', 'usager', 'elu', 'agent', 'agent', 'usager', 'elu', 'agent', 'agent', 'usager', 'elu'];

/**
 * A workshop with `agenda`, its facilitator watching on `server` and the twelve of ROOM
 * (named P0…P11) joined and watching on `phones` (the same instance unless told).
 */
export async function room(server: RunningServer, agenda: Phase[], phones: RunningServer = server) {
	const facilitator = await signUp(server.url);
	const workshop = await createWorkshop(server.url, facilitator, 'Accueil en mairie');
	const f = watched(server, workshop.id, facilitator);
	await connected(f.socket);
	expect(await send(f.socket, 'agenda.save', { commandId: cmd(), phases: agenda })).toMatchObject({ ok: true });
	const cookies = await Promise.all(ROOM.map((c, i) => joinAs(phones.url, workshop.joinCode, `P${i}`, c)));
	const people = cookies.map((cookie) => watched(phones, workshop.id, cookie));
	await Promise.all(people.map((p) => connected(p.socket)));
	return { facilitator, workshop, f, people, cookies };
}

export const sizes = (v: TablesView) => v.tables.map((t) => t.members.length);
export const mix = (v: TablesView, c: Category) => v.tables.map((t) => t.members.filter((m) => m.category === c).length);
/** The phone of a member of the plan (P<i> is people[i]). */
export const phoneOf = <T>(people: readonly T[], m: { displayName: string }) => people[Number(m.displayName.slice(1))];
