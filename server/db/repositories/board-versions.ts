import type { Queryable } from '../db.ts';
import { newId } from '../../auth/tokens.ts';
import type { VersionReason } from '../../../src/lib/domain/board/versions.ts';

/** A saved version of a workshop's board, without its content. */
export interface BoardVersionInfo {
	id: string;
	workshopId: string;
	createdAt: Date;
	reason: VersionReason;
	phaseId: string | null;
	label: string;
	noteCount: number;
	/** SHA-256 of the board's canonical content: equal digests, equal boards. */
	digest: string;
}

/** A version with its content: Y.encodeStateAsUpdate of the document when it was saved. */
export interface BoardVersion extends BoardVersionInfo {
	state: Uint8Array;
}

export type NewBoardVersion = Omit<BoardVersion, 'id' | 'createdAt'>;

interface Row {
	id: string;
	workshop_id: string;
	created_at: Date | string;
	reason: VersionReason;
	phase_id: string | null;
	label: string;
	note_count: number;
	digest: string;
	state?: unknown;
}
const INFO = 'id, workshop_id, created_at, reason, phase_id, label, note_count, digest';
const toInfo = (r: Row): BoardVersionInfo => ({
	id: r.id,
	workshopId: r.workshop_id,
	createdAt: new Date(r.created_at),
	reason: r.reason,
	phaseId: r.phase_id,
	label: r.label,
	noteCount: Number(r.note_count),
	digest: r.digest
});
const bytes = (v: unknown): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array(v as ArrayBuffer));

export async function saveVersion(db: Queryable, v: NewBoardVersion): Promise<BoardVersionInfo> {
	const rows = await db.query<Row>(
		`INSERT INTO board_version (id, workshop_id, reason, phase_id, label, note_count, digest, state)
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${INFO}`,
		[newId(), v.workshopId, v.reason, v.phaseId, v.label, v.noteCount, v.digest, v.state]
	);
	return toInfo(rows[0]);
}

/**
 * Saves unless the latest version of the workshop already has this content, or (with
 * `minGapMs`) was saved less than that long ago; returns null then. Instances saving at once
 * queue on an advisory lock, so the second sees the first's row and saves nothing: several
 * instances holding one board do not multiply its versions.
 */
export async function saveVersionIfChanged(
	db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
	v: NewBoardVersion,
	options: { minGapMs?: number } = {}
): Promise<BoardVersionInfo | null> {
	return db.transaction(async (tx) => {
		await tx.query(`SELECT pg_advisory_xact_lock(hashtext('board_version:' || $1))`, [v.workshopId]);
		const latest = await tx.query<{ digest: string; age_ms: number | string }>(
			`SELECT digest, extract(epoch FROM now() - created_at) * 1000 AS age_ms
			 FROM board_version WHERE workshop_id = $1 ORDER BY seq DESC LIMIT 1`,
			[v.workshopId]
		);
		if (latest[0]?.digest === v.digest) return null;
		if (latest[0] && options.minGapMs && Number(latest[0].age_ms) < options.minGapMs) return null;
		return saveVersion(tx, v);
	});
}

/** The workshop's versions, newest first, without their content. */
export async function listVersions(db: Queryable, workshopId: string, limit = 200): Promise<BoardVersionInfo[]> {
	const rows = await db.query<Row>(`SELECT ${INFO} FROM board_version WHERE workshop_id = $1 ORDER BY seq DESC LIMIT $2`, [workshopId, limit]);
	return rows.map(toInfo);
}

/** One version with its content; null when it is not one of this workshop's. */
export async function readVersion(db: Queryable, workshopId: string, id: string): Promise<BoardVersion | null> {
	const rows = await db.query<Row>(`SELECT ${INFO}, state FROM board_version WHERE workshop_id = $1 AND id = $2`, [workshopId, id]);
	return rows[0] ? { ...toInfo(rows[0]), state: bytes(rows[0].state) } : null;
}
