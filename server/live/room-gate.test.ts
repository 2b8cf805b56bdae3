import { describe, expect, test } from 'vitest';
import { actorGate } from './room-gate.ts';
import { phoneView, viewerContext } from '../../src/lib/domain/phases/gate.ts';
import { PHONE_PANELS, ROOM_ACTIONS } from '../../src/lib/domain/phases/kind.ts';
import { PHASE_TYPES, kindOf } from '../../src/lib/domain/phases/registry.ts';
import type { RoomRules } from '../db/repositories/agenda.ts';
import type { Actor } from '../auth/actor.ts';
import type { TimerStatus } from '../../src/lib/domain/agenda/timer.ts';

/**
 * Issue 9's acceptance: the phone offers a control exactly when the server would accept its
 * command. Every phase kind × role × room action × room state goes through both: the server's
 * gate (what each live command calls) and the phone's choice of controls.
 */
const ACTORS: Pick<Actor, 'role' | 'category'>[] = [
	{ role: 'facilitator', category: 'facilitator' },
	{ role: 'editor', category: 'agent' },
	{ role: 'participant', category: 'usager' },
	{ role: 'participant', category: 'elu' },
	{ role: 'observer', category: 'observer' }
];
const STATUSES: TimerStatus[] = ['idle', 'running', 'paused', 'ended'];
const SETTINGS = [{}, { categories: ['usager' as const] }, { silent: true, anonymous: true }, { placedBy: 'facilitator' as const }];

function* rooms(): Generator<RoomRules> {
	for (const type of PHASE_TYPES)
		for (const status of STATUSES)
			for (const locked of [false, true])
				for (const settings of SETTINGS)
					yield { locked, status, revealed: false, phase: status === 'idle' ? null : { id: 'p1', type, settings } };
}

describe('server gate and phone controls agree', () => {
	test('for every phase kind, role, action and room state', () => {
		let checked = 0;
		for (const rules of rooms())
			for (const actor of ACTORS) {
				const state = { locked: rules.locked, timer: { status: rules.status } };
				const view = phoneView(viewerContext(actor, state, rules.phase));
				for (const action of ROOM_ACTIONS) {
					const where = `${rules.phase?.type ?? 'before start'} ${rules.status} locked=${rules.locked} ${JSON.stringify(rules.phase?.settings)} ${actor.role}/${actor.category} ${action}`;
					expect(view.open.has(action), where).toBe(actorGate(actor, rules, action).ok);
					checked++;
				}
				// Each panel shown sends a command the server accepts; each accepted one the kind shows has its panel.
				for (const panel of view.panels) expect(actorGate(actor, rules, PHONE_PANELS[panel]).ok).toBe(true);
				const kind = kindOf(rules.phase?.type ?? 'free');
				if (kind.phone !== 'rest' && rules.status !== 'ended')
					for (const panel of kind.phone) if (actorGate(actor, rules, PHONE_PANELS[panel]).ok) expect(view.panels).toContain(panel);
			}
		expect(checked).toBe(PHASE_TYPES.length * STATUSES.length * 2 * SETTINGS.length * ACTORS.length * ROOM_ACTIONS.length);
	});
});
