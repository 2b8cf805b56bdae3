import * as Y from 'yjs';
import { CommandError } from '../../src/lib/protocol/errors.ts';
import { restoreBoard, topLevelMaps } from '../../src/lib/domain/board/restore.ts';
import { upgradePersonaTexts } from '../../src/lib/domain/board/personas.ts';
import { phaseLeft, type BoardVersionView } from '../../src/lib/domain/board/versions.ts';
import { listVersions, readVersion } from '../db/repositories/board-versions.ts';
import { logEvent } from '../db/repositories/agenda.ts';
import { currentPhase } from '../sync/version-keeper.ts';
import { command, mustManage, query, type CommandDeps, type ControlChange } from './command.ts';
import { LIVE_ORIGIN } from '../sync/origins.ts';

/**
 * Version history: the board is saved when a phase ends (here), while it changes and when it
 * leaves memory (server/sync/version-keeper.ts); a facilitator lists and restores versions.
 */


/**
 * After a phase change: the board as the phase left it becomes a version, labelled with that
 * phase. Always saved, even if unchanged since the last version, so every phase has its own
 * entry — except the empty board of a workshop that starts, which nothing could go back to.
 */
export async function versionAtPhaseEnd(deps: CommandDeps, workshopId: string, change: ControlChange): Promise<void> {
	const left = phaseLeft(change.before.timer, change.after.timer);
	if (left === undefined) return;
	await deps.rooms.with(workshopId, async (room) => {
		const empty = [...topLevelMaps(room.doc).values()].every((m) => m.size === 0);
		if (left === null && empty) return;
		const label = change.agenda.find((p) => p.id === left)?.title ?? '';
		await deps.rooms.versions.save(room, 'phase', { phaseId: left, label }, 'always');
	});
}

/** The workshop's versions, newest first (facilitators only). */
export const versionList = query('version.list', async ({ actor, workshopId, deps }): Promise<BoardVersionView[]> => {
	mustManage(actor);
	return (await listVersions(deps.db, workshopId)).map((v) => ({
		id: v.id,
		createdAt: v.createdAt.getTime(),
		reason: v.reason,
		phaseId: v.phaseId,
		label: v.label,
		noteCount: v.noteCount
	}));
});

/**
 * Puts a saved version back on the board. The board as it is first becomes a `before_restore`
 * version, whose id the answer carries: restoring it undoes this restore. The version is
 * written as new operations on the live document (see restoreBoard), so every client and the
 * update log follow; the acknowledgement waits until it is stored, like any board change.
 */
export const versionRestore = command('version.restore', async ({ input, actor, workshopId, room, deps }) => {
	mustManage(actor);
	const version = await readVersion(deps.db, workshopId, input.versionId);
	if (!version) throw new CommandError('not_found', 'this board has no such version');
	const phase = await currentPhase(deps.db, workshopId);
	const before = await deps.rooms.versions.save(room, 'before_restore', phase, 'always');
	if (!before) throw new Error('the board could not be saved before the restore');
	const old = new Y.Doc();
	try {
		Y.applyUpdate(old, version.state);
		// A version saved before persona fields were texts: upgraded first, so the restore puts
		// texts back (equal ones are left as they are) and editors' fields keep merging.
		upgradePersonaTexts(old);
		restoreBoard(room.doc, old, LIVE_ORIGIN);
	} finally {
		old.destroy();
	}
	// The board now equals a stored version: no periodic copy of it is needed.
	deps.rooms.versions.settled(room);
	await logEvent(deps.db, workshopId, {
		actorId: actor.id,
		action: 'version.restore',
		phaseId: phase.phaseId,
		detail: { versionId: version.id, savedAt: version.createdAt.toISOString(), undoVersionId: before.id }
	});
	return { versionId: version.id, undoVersionId: before.id };
});
