import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { listVersions, readVersion, saveVersion, saveVersionIfChanged, type NewBoardVersion } from '../../server/db/repositories/board-versions.ts';
import { insertNote, readNotes } from '../../src/lib/domain/board/notes.ts';
import { aNote } from '../helpers/notes.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aWorkshop } from './fixtures.ts';

function boardWith(...ids: string[]): Y.Doc {
	const doc = new Y.Doc();
	for (const id of ids) insertNote(doc, aNote(id, { text: `idée ${id} — « accueil » 🌱` }));
	return doc;
}

const version = (workshopId: string, doc: Y.Doc, fields: Partial<NewBoardVersion> = {}): NewBoardVersion => ({
	workshopId,
	reason: 'phase',
	phaseId: 'reactions',
	label: 'Premières réactions',
	noteCount: readNotes(doc).length,
	digest: `digest-${readNotes(doc).map((n) => n.id).join(',')}`,
	state: Y.encodeStateAsUpdate(doc),
	...fields
});

describe.each(engines())('%s board versions', (engine) => {
	const db = useDatabase(engine);

	test('a saved version lists newest first without its content, and reads back whole', async () => {
		const w = await aWorkshop(db());
		const other = await aWorkshop(db());
		const first = await saveVersion(db(), version(w.id, boardWith('a')));
		await saveVersion(db(), version(other.id, boardWith('z')));
		const second = await saveVersion(db(), version(w.id, boardWith('a', 'b'), { reason: 'periodic', phaseId: null, label: '' }));
		const third = await saveVersion(db(), version(w.id, boardWith('a', 'b'), { reason: 'before_restore' }));

		const listed = await listVersions(db(), w.id);
		expect(listed.map((v) => v.id)).toEqual([third.id, second.id, first.id]);
		expect(listed[1]).toEqual({
			id: second.id,
			workshopId: w.id,
			createdAt: expect.any(Date),
			reason: 'periodic',
			phaseId: null,
			label: '',
			noteCount: 2,
			digest: 'digest-a,b'
		});
		expect(listed[0]).not.toHaveProperty('state');
		expect(Math.abs(listed[2].createdAt.getTime() - Date.now())).toBeLessThan(60_000);

		const read = await readVersion(db(), w.id, first.id);
		expect(read).toMatchObject({ id: first.id, reason: 'phase', phaseId: 'reactions', label: 'Premières réactions', noteCount: 1 });
		const doc = new Y.Doc();
		Y.applyUpdate(doc, read!.state);
		expect(readNotes(doc)).toEqual(readNotes(boardWith('a')));
	});

	test('a version is read only through its own workshop; an unknown id is null', async () => {
		const w = await aWorkshop(db());
		const other = await aWorkshop(db());
		const v = await saveVersion(db(), version(w.id, boardWith('a')));
		expect(await readVersion(db(), other.id, v.id)).toBeNull();
		expect(await readVersion(db(), w.id, 'nope')).toBeNull();
		expect(await listVersions(db(), other.id)).toEqual([]);
	});

	test('saving if changed skips content equal to the latest version, whatever its reason', async () => {
		const w = await aWorkshop(db());
		const a = boardWith('a');
		expect(await saveVersionIfChanged(db(), version(w.id, a, { reason: 'periodic' }))).not.toBeNull();
		expect(await saveVersionIfChanged(db(), version(w.id, a, { reason: 'periodic' }))).toBeNull();
		await saveVersion(db(), version(w.id, boardWith('a', 'b'), { reason: 'before_restore' }));
		// Back to the content of an older version: that is a change from the latest.
		expect(await saveVersionIfChanged(db(), version(w.id, a, { reason: 'periodic' }))).not.toBeNull();
		expect((await listVersions(db(), w.id)).map((v) => v.reason)).toEqual(['periodic', 'before_restore', 'periodic']);
	});

	test('with a minimum gap, a change right after the latest version waits for a later save', async () => {
		const w = await aWorkshop(db());
		const gap = { minGapMs: 60_000 };
		expect(await saveVersionIfChanged(db(), version(w.id, boardWith('a'), { reason: 'periodic' }), gap)).not.toBeNull();
		expect(await saveVersionIfChanged(db(), version(w.id, boardWith('a', 'b'), { reason: 'periodic' }), gap)).toBeNull();
		expect(await saveVersionIfChanged(db(), version(w.id, boardWith('a', 'b'), { reason: 'periodic' }), { minGapMs: 1 })).not.toBeNull();
	});

	test('two instances saving the same content at once store it once', async () => {
		const w = await aWorkshop(db());
		const doc = boardWith('a', 'b', 'c');
		const saved = await Promise.all([1, 2, 3].map(() => saveVersionIfChanged(db(), version(w.id, doc, { reason: 'periodic' }))));
		expect(saved.filter((v) => v !== null)).toHaveLength(1);
		expect(await listVersions(db(), w.id)).toHaveLength(1);
	});

	test('a reason outside the list is refused by the database', async () => {
		const w = await aWorkshop(db());
		await expect(saveVersion(db(), version(w.id, boardWith('a'), { reason: 'whenever' as 'phase' }))).rejects.toThrow();
	});
});
