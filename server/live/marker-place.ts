import { CommandError } from '../../src/lib/protocol/errors.ts';
import { clampValue, ensureScale, placeMarker } from '../../src/lib/domain/board/positioning.ts';
import { polesOf } from '../../src/lib/domain/board/scale-poles.ts';
import { readRoomRules } from '../db/repositories/agenda.ts';
import { command, type CommandDeps } from './command.ts';
import { requireOpen } from './room-gate.ts';
import { LIVE_ORIGIN } from '../sync/origins.ts';

/**
 * A participant places (or moves) their marker on the scale of the positioning phase that is
 * on. The category written with it is the session's, never the client's: the spread by
 * category is what the facilitator reads the room by. One marker each, keyed by participant.
 */
export const markerPlace = command('marker.place', async ({ input, actor, workshopId, room, deps, now }) => {
	// Facilitators have no category (markers are placed by participants); only a positioning phase opens it.
	const { rules } = await requireOpen(deps, actor, workshopId, 'marker.place');
	// The scale is the phase's (same id), which the positioning kind alone opens markers for.
	if (rules.phase?.type !== 'positioning' || actor.category === 'facilitator' || actor.category === 'observer')
		throw new CommandError('phase_closed', 'markers are placed during a positioning phase');
	const scaleId = rules.phase.id;
	// Normally made when the phase started (see prepareScale); this only covers a phase started
	// before that existed or whose follow-up failed. Same doc, same tick: no double creation here.
	ensureScale(room.doc, scaleId, polesOf(rules.phase.settings), now.getTime(), LIVE_ORIGIN);
	const value = clampValue(input.value);
	placeMarker(room.doc, scaleId, { participantId: actor.id, category: actor.category, value, at: now.getTime() }, LIVE_ORIGIN);
	return { scaleId, value };
});

/**
 * Follow-up of every phase change and agenda edit: when a positioning phase is on, its scale
 * exists with the phase's poles before anyone is told the phase started. Only the server makes
 * scales, and it makes each one here, under the control that changed the phase: two screens
 * each making the same scale would race, and the map that lost would take its markers with it.
 */
export async function prepareScale(deps: CommandDeps, workshopId: string): Promise<void> {
	const rules = await readRoomRules(deps.db, workshopId);
	if (rules.phase?.type !== 'positioning' || rules.status === 'ended') return;
	const { phase } = rules;
	await deps.rooms.with(workshopId, async (room) => {
		ensureScale(room.doc, phase.id, polesOf(phase.settings), Date.now(), LIVE_ORIGIN);
		await room.log.stored();
	});
}
