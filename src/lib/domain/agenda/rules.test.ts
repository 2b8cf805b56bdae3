import { describe, expect, test } from 'vitest';
import { activityGate, noteGate, type NoteGateInput } from './rules.ts';

const base: NoteGateInput = { role: 'participant', category: 'usager', locked: false, status: 'running', phase: { type: 'ideation', settings: {} }, revealed: false };

describe('who may add a note, and how it is written', () => {
	test('a participant writes in an ideation phase, visibly and signed', () => {
		expect(noteGate(base)).toEqual({ ok: true, hidden: false, anonymous: false });
	});
	test('before the start the board is free; after the end it is closed', () => {
		expect(noteGate({ ...base, status: 'idle', phase: null })).toMatchObject({ ok: true });
		expect(noteGate({ ...base, status: 'ended' })).toMatchObject({ ok: false, code: 'phase_closed' });
	});
	test('a locked board refuses participants and editors, never the facilitator', () => {
		expect(noteGate({ ...base, locked: true })).toMatchObject({ ok: false, code: 'locked' });
		expect(noteGate({ ...base, role: 'editor', locked: true })).toMatchObject({ ok: false, code: 'locked' });
		expect(noteGate({ ...base, role: 'facilitator', category: 'facilitator', locked: true })).toMatchObject({ ok: true });
	});
	test('a break or a vote takes no notes', () => {
		expect(noteGate({ ...base, phase: { type: 'break', settings: {} } })).toMatchObject({ ok: false, code: 'phase_closed' });
		expect(noteGate({ ...base, phase: { type: 'vote', settings: {} } })).toMatchObject({ ok: false, code: 'phase_closed' });
	});
	test('a phase for some categories refuses the others', () => {
		const phase = { type: 'ideation' as const, settings: { categories: ['agent' as const] } };
		expect(noteGate({ ...base, phase })).toMatchObject({ ok: false, code: 'forbidden' });
		expect(noteGate({ ...base, category: 'agent', phase })).toMatchObject({ ok: true });
	});
	test('a silent phase hides notes until reveal; an anonymous one drops the author', () => {
		const phase = { type: 'ideation' as const, settings: { silent: true, anonymous: true } };
		expect(noteGate({ ...base, phase })).toEqual({ ok: true, hidden: true, anonymous: true });
		expect(noteGate({ ...base, phase, revealed: true })).toEqual({ ok: true, hidden: false, anonymous: true });
	});
});

describe('who may take part in an activity now', () => {
	test('persona fields in a persona phase or on a free board, not in an ideation phase', () => {
		expect(activityGate('persona', { ...base, phase: { type: 'persona', settings: {} } })).toEqual({ ok: true });
		expect(activityGate('persona', { ...base, phase: null, status: 'idle' })).toEqual({ ok: true });
		expect(activityGate('persona', base)).toMatchObject({ ok: false, code: 'phase_closed' });
	});
	test('locked, ended and other categories are refused; the facilitator never is', () => {
		const phase = { type: 'positioning' as const, settings: { categories: ['agent' as const] } };
		expect(activityGate('positioning', { ...base, phase, locked: true })).toMatchObject({ ok: false, code: 'locked' });
		expect(activityGate('positioning', { ...base, phase, status: 'ended' })).toMatchObject({ ok: false, code: 'phase_closed' });
		expect(activityGate('positioning', { ...base, phase })).toMatchObject({ ok: false, code: 'forbidden' });
		expect(activityGate('clustering', { ...base, role: 'facilitator', category: 'facilitator', locked: true })).toEqual({ ok: true });
	});
});
