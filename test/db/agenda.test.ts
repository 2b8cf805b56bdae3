import { describe, expect, test } from 'vitest';
import { logEvent, markPhaseTimes, readAgenda, readClock, readEvents, readRoomRules, saveAgenda, saveClock } from '../../server/db/repositories/agenda.ts';
import { findCommand, recordCommands } from '../../server/db/repositories/live-commands.ts';
import { readTurnShared } from '../../server/db/turn-reads.ts';
import type { Phase } from '../../src/lib/domain/agenda/phase.ts';
import { INITIAL_TIMER } from '../../src/lib/domain/agenda/timer.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop } from './fixtures.ts';

const phase = (id: string, minutes: number, extra: Partial<Phase> = {}): Phase => ({
	id,
	type: 'ideation',
	title: `Séquence ${id}`,
	minutes,
	instructions: 'Une idée par post-it.',
	settings: {},
	...extra
});

describe.each(engines())('%s agenda', (engine) => {
	const db = useDatabase(engine);

	test('an agenda is read back in order with its settings', async () => {
		const w = await aWorkshop(db());
		const phases = [
			phase('a', 10, { type: 'welcome' }),
			phase('b', 20, { settings: { silent: true, prompts: ['Fond', 'Forme', 'Juridique', 'Financier'], categories: ['usager', 'elu'] } }),
			phase('c', 5, { type: 'break' })
		];
		await db().transaction((tx) => saveAgenda(tx, w.id, phases));
		expect(await readAgenda(db(), w.id)).toEqual(phases.map((p) => ({ ...p, startedAt: null, endedAt: null })));
	});

	test('saving again reorders, edits, adds and removes, keeping actual times of kept phases', async () => {
		const w = await aWorkshop(db());
		await db().transaction((tx) => saveAgenda(tx, w.id, [phase('a', 10), phase('b', 20), phase('c', 5)]));
		const now = new Date('2026-11-25T09:00:00Z');
		await markPhaseTimes(db(), w.id, { ended: null, started: 'a', now });
		await db().transaction((tx) => saveAgenda(tx, w.id, [phase('b', 15), phase('a', 10), phase('d', 8)]));
		const agenda = await readAgenda(db(), w.id);
		expect(agenda.map((p) => [p.id, p.minutes])).toEqual([
			['b', 15],
			['a', 10],
			['d', 8]
		]);
		expect(agenda[1].startedAt).toEqual(now);
	});

	test('phase times: starting one ends the other; going back reopens it', async () => {
		const w = await aWorkshop(db());
		await db().transaction((tx) => saveAgenda(tx, w.id, [phase('a', 10), phase('b', 20)]));
		const t1 = new Date('2026-11-25T09:00:00Z');
		const t2 = new Date('2026-11-25T09:12:00Z');
		await markPhaseTimes(db(), w.id, { ended: null, started: 'a', now: t1 });
		await markPhaseTimes(db(), w.id, { ended: 'a', started: 'b', now: t2 });
		let [a, b] = await readAgenda(db(), w.id);
		expect([a.startedAt, a.endedAt, b.startedAt]).toEqual([t1, t2, t2]);
		await markPhaseTimes(db(), w.id, { ended: 'b', started: 'a', now: new Date('2026-11-25T09:20:00Z') });
		[a, b] = await readAgenda(db(), w.id);
		expect([a.startedAt, a.endedAt]).toEqual([t1, null]);
	});

	test('the clock is the initial one until saved, then read back to the millisecond', async () => {
		const w = await aWorkshop(db());
		expect(await readClock(db(), w.id)).toEqual({ timer: INITIAL_TIMER, locked: false, revealed: false });
		const clock = {
			timer: { phase: 'b', status: 'paused' as const, endsAt: null, remainingMs: 123_456, startedAt: Date.UTC(2026, 10, 25, 9, 0, 0, 789) },
			locked: true,
			revealed: true
		};
		await saveClock(db(), w.id, clock);
		expect(await readClock(db(), w.id)).toEqual(clock);
		const running = { timer: { ...clock.timer, status: 'running' as const, endsAt: Date.UTC(2026, 10, 25, 9, 20, 0, 5), remainingMs: null }, locked: false, revealed: false };
		await saveClock(db(), w.id, running);
		expect(await readClock(db(), w.id)).toEqual(running);
	});

	test('events are logged in order', async () => {
		const w = await aWorkshop(db());
		await logEvent(db(), w.id, { actorId: 'f1', action: 'phase.start', phaseId: 'a', detail: {} });
		await logEvent(db(), w.id, { actorId: 'f1', action: 'phase.extend', phaseId: 'a', detail: { minutes: 5 } });
		expect((await readEvents(db(), w.id)).map((e) => [e.action, e.detail])).toEqual([
			['phase.start', {}],
			['phase.extend', { minutes: 5 }]
		]);
	});
});

describe.each(engines())('%s a command’s first reads', (engine) => {
	const db = useDatabase(engine);

	test('the shared round (one script on the embedded database) reads what the two queries of their own read', async () => {
		const w = await aWorkshop(db());
		await db().transaction((tx) => saveAgenda(tx, w.id, [phase('idees', 20, { settings: { silent: true, prompts: ['Fond', 'Forme'], categories: ['usager'] } })]));
		await saveClock(db(), w.id, { timer: { ...INITIAL_TIMER, phase: 'idees', status: 'running', endsAt: Date.now() + 60_000 }, locked: true, revealed: false });
		await recordCommands(db(), w.id, [{ commandId: "l'idée-1", actorId: 'p1', result: { noteId: 'n1', nested: { ok: true } } }]);
		const [known, fresh] = await Promise.all([readTurnShared(db(), w.id, "l'idée-1"), readTurnShared(db(), w.id, 'inconnue')]);
		const rules = await readRoomRules(db(), w.id);
		expect(rules).toMatchObject({ locked: true, status: 'running', phase: { id: 'idees', settings: { silent: true, prompts: ['Fond', 'Forme'] } } });
		expect(known.rules).toEqual(rules);
		expect(known.previous).toEqual(await findCommand(db(), w.id, "l'idée-1"));
		expect(known.previous).toEqual({ actorId: 'p1', result: { noteId: 'n1', nested: { ok: true } } });
		expect(fresh.previous).toBeNull();
		// A workshop without a clock yet.
		const bare = await aWorkshop(db());
		expect((await readTurnShared(db(), bare.id, 'x')).rules).toEqual(await readRoomRules(db(), bare.id));
	});
});
