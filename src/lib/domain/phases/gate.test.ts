import { describe, expect, test } from 'vitest';
import { openActions, phoneView, roomGate, type RoomContext } from './gate.ts';
import { PHASE_TYPES, kindOf } from './registry.ts';

const base: RoomContext = { role: 'participant', category: 'usager', locked: false, status: 'running', phase: { type: 'ideation', settings: {} }, revealed: false };
const inPhase = (type: string, settings = {}): RoomContext => ({ ...base, phase: { type, settings } });

describe('who may add a note, and how it is written', () => {
	test('a participant writes in an ideation phase, visibly and signed', () => {
		expect(roomGate('note.add', base)).toEqual({ ok: true, hidden: false, anonymous: false });
	});
	test('before the start the board is free; after the end it is closed', () => {
		expect(roomGate('note.add', { ...base, status: 'idle', phase: null })).toMatchObject({ ok: true });
		expect(roomGate('note.add', { ...base, status: 'ended' })).toMatchObject({ ok: false, code: 'phase_closed' });
	});
	test('a locked board refuses participants and editors, never the facilitator', () => {
		expect(roomGate('note.add', { ...base, locked: true })).toMatchObject({ ok: false, code: 'locked' });
		expect(roomGate('note.add', { ...base, role: 'editor', locked: true })).toMatchObject({ ok: false, code: 'locked' });
		expect(roomGate('note.add', { ...base, role: 'facilitator', category: 'facilitator', locked: true })).toMatchObject({ ok: true });
	});
	test('a break or a vote takes no notes', () => {
		expect(roomGate('note.add', inPhase('break'))).toMatchObject({ ok: false, code: 'phase_closed' });
		expect(roomGate('note.add', inPhase('vote'))).toMatchObject({ ok: false, code: 'phase_closed' });
	});
	test('a phase for some categories refuses the others', () => {
		const ctx = inPhase('ideation', { categories: ['agent'] });
		expect(roomGate('note.add', ctx)).toMatchObject({ ok: false, code: 'forbidden' });
		expect(roomGate('note.add', { ...ctx, category: 'agent' })).toMatchObject({ ok: true });
	});
	test('a silent phase hides notes until reveal; an anonymous one drops the author', () => {
		const ctx = inPhase('ideation', { silent: true, anonymous: true });
		expect(roomGate('note.add', ctx)).toEqual({ ok: true, hidden: true, anonymous: true });
		expect(roomGate('note.add', { ...ctx, revealed: true })).toEqual({ ok: true, hidden: false, anonymous: true });
	});
	test('observers never act, whatever the phase', () => {
		for (const type of PHASE_TYPES) expect(openActions({ ...inPhase(type), role: 'observer', category: 'observer' }).size).toBe(0);
	});
});

describe('each kind opens its own actions', () => {
	test('persona fields in a persona phase or on a free board, not in an ideation phase', () => {
		expect(roomGate('persona.write', inPhase('persona'))).toMatchObject({ ok: true });
		expect(roomGate('persona.write', { ...base, phase: null, status: 'idle' })).toMatchObject({ ok: true });
		expect(roomGate('persona.write', base)).toMatchObject({ ok: false, code: 'phase_closed' });
	});
	test('a marker only in a positioning phase, and never by a facilitator (no collège to place it for)', () => {
		expect(roomGate('marker.place', inPhase('positioning'))).toMatchObject({ ok: true });
		expect(roomGate('marker.place', inPhase('free'))).toMatchObject({ ok: false, code: 'phase_closed' });
		expect(roomGate('marker.place', { ...inPhase('positioning'), role: 'facilitator', category: 'facilitator' })).toMatchObject({ ok: false, code: 'forbidden' });
	});
	test('a vote phase opens dots only: editing one\'s idea is not offered there', () => {
		expect([...openActions(inPhase('vote'))]).toEqual(['vote.set']);
		expect(phoneView(inPhase('vote')).panels).toEqual(['vote']);
		expect(roomGate('vote.set', { ...inPhase('vote'), role: 'facilitator', category: 'facilitator' })).toMatchObject({ ok: false, code: 'forbidden' });
	});
	test('locked, ended and other categories are refused; the facilitator never is', () => {
		const ctx = inPhase('positioning', { categories: ['agent'] });
		expect(roomGate('marker.place', { ...ctx, locked: true })).toMatchObject({ ok: false, code: 'locked' });
		expect(roomGate('marker.place', { ...ctx, status: 'ended' })).toMatchObject({ ok: false, code: 'phase_closed' });
		expect(roomGate('marker.place', ctx)).toMatchObject({ ok: false, code: 'forbidden' });
		expect(roomGate('note.cluster', { ...base, role: 'facilitator', category: 'facilitator', locked: true })).toMatchObject({ ok: true });
	});
});

describe('what the phone shows', () => {
	test('a free phase offers writing, clustering and personas together', () => {
		expect(phoneView(inPhase('free')).panels).toEqual(['write', 'cluster', 'persona']);
	});
	test('a break rests, a locked board says so, the end shows no panel', () => {
		expect(phoneView(inPhase('break'))).toMatchObject({ panels: [], why: 'rest' });
		expect(phoneView({ ...base, locked: true })).toMatchObject({ panels: [], why: 'locked' });
		expect(phoneView({ ...base, status: 'ended' })).toMatchObject({ panels: [], why: 'ended' });
	});
	test('a phase for other collèges leaves this phone watching', () => {
		expect(phoneView(inPhase('ideation', { categories: ['elu'] }))).toMatchObject({ panels: [], why: 'watch' });
	});
	test('every panel a kind declares sends an action that kind opens', () => {
		for (const type of PHASE_TYPES) {
			const kind = kindOf(type);
			const panels = kind.phone === 'rest' ? [] : kind.phone;
			expect(phoneView(inPhase(type)).panels, type).toEqual(panels);
		}
	});
});

describe('who places the priorities', () => {
	const facilitator = { role: 'facilitator' as const, category: 'facilitator' as const };
	test('by default each participant places from the phone; the facilitator has no collège for it', () => {
		const ctx = inPhase('priorities');
		expect(roomGate('priority.place', ctx)).toMatchObject({ ok: true });
		expect(phoneView(ctx).panels).toEqual(['priorities']);
		expect(roomGate('priority.place', { ...ctx, ...facilitator })).toMatchObject({ ok: false, code: 'forbidden' });
		expect(roomGate('priority.place', inPhase('vote'))).toMatchObject({ ok: false, code: 'phase_closed' });
	});
	test('placedBy facilitator hands it to the facilitator alone, while the phase runs', () => {
		const ctx = inPhase('priorities', { placedBy: 'facilitator' });
		expect(roomGate('priority.place', ctx)).toMatchObject({ ok: false, code: 'forbidden' });
		expect(roomGate('priority.place', { ...ctx, ...facilitator, locked: true })).toMatchObject({ ok: true });
		expect(roomGate('priority.place', { ...ctx, ...facilitator, status: 'ended' })).toMatchObject({ ok: false, code: 'phase_closed' });
		expect(roomGate('priority.place', { ...inPhase('vote', { placedBy: 'facilitator' }), ...facilitator })).toMatchObject({ ok: false, code: 'phase_closed' });
	});
});
