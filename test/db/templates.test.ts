import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { addMember, createOrganisation, isMember, membersOf, organisationsOf } from '../../server/db/repositories/organisations.ts';
import { createTemplate, deleteTemplate, findTemplate, updateTemplateSharing, visibleTemplates } from '../../server/db/repositories/templates.ts';
import { canSeeSeries, findSeries, seriesOfWorkshop, seriesOfWorkshops } from '../../server/db/repositories/series.ts';
import { readAgenda } from '../../server/db/repositories/agenda.ts';
import { appendUpdate, loadDoc } from '../../server/db/repositories/yjs-log.ts';
import { createSeriesSession, createWorkshopFromTemplate, SessionTaken, templateOfWorkshop } from '../../server/templates/workshops-from-templates.ts';
import { plannedMinutes } from '../../src/lib/domain/agenda/phase.ts';
import { insertNote, readNotes } from '../../src/lib/domain/board/notes.ts';
import { builtinTemplate } from '../../src/lib/domain/templates/builtins.ts';
import { agendaOf } from '../../src/lib/domain/templates/instantiate.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aFacilitator } from './fixtures.ts';

describe.each(engines())('%s templates', (engine) => {
	const db = useDatabase(engine);

	test('a private template is seen by its owner only; shared, by the members of its organisation', async () => {
		const [owner, colleague, stranger] = [await aFacilitator(db(), 'Inès'), await aFacilitator(db(), 'Paul'), await aFacilitator(db(), 'Zoé')];
		const lab = await db().transaction((tx) => createOrganisation(tx, { name: 'Laboratoire d’innovation', creatorId: owner.id }));
		expect(await addMember(db(), lab.id, colleague.id)).toBe(true);
		expect(await addMember(db(), lab.id, colleague.id)).toBe(false);
		const id = await createTemplate(db(), { ownerId: owner.id, organisationId: null, visibility: 'private', body: builtinTemplate('consultation-express') });
		const ids = async (f: { id: string }) => (await visibleTemplates(db(), f.id)).map((t) => t.id);
		expect(await ids(owner)).toContain(id);
		expect(await ids(colleague)).not.toContain(id);

		await updateTemplateSharing(db(), id, { organisationId: lab.id, visibility: 'organisation' });
		expect(await ids(colleague)).toContain(id);
		expect(await ids(stranger)).not.toContain(id);
		const stored = await findTemplate(db(), id);
		expect([stored?.organisationName, stored?.ownerName, stored?.body]).toEqual(['Laboratoire d’innovation', 'Inès', builtinTemplate('consultation-express')]);

		await deleteTemplate(db(), id);
		expect(await findTemplate(db(), id)).toBeNull();
	});

	test('a shared template must name its organisation', async () => {
		const owner = await aFacilitator(db());
		await expect(
			createTemplate(db(), { ownerId: owner.id, organisationId: null, visibility: 'organisation', body: builtinTemplate('flash-360') })
		).rejects.toThrow();
	});

	test('organisations list their members; a facilitator can belong to several', async () => {
		const f = await aFacilitator(db(), 'Camille');
		const a = await db().transaction((tx) => createOrganisation(tx, { name: 'Ville', creatorId: f.id }));
		const b = await db().transaction((tx) => createOrganisation(tx, { name: 'Agglomération', creatorId: f.id }));
		expect((await organisationsOf(db(), f.id)).map((o) => o.name)).toEqual(['Agglomération', 'Ville']);
		expect(await isMember(db(), a.id, f.id)).toBe(true);
		expect((await membersOf(db(), b.id)).map((m) => m.displayName)).toEqual(['Camille']);
	});

	test('a workshop made from flash-360 has its 180-minute agenda in its language', async () => {
		const f = await aFacilitator(db());
		const { workshop, seriesId } = await createWorkshopFromTemplate(db(), { facilitatorId: f.id, title: 'Guichet unique', locale: 'en', template: builtinTemplate('flash-360') });
		expect(seriesId).toBeNull();
		const agenda = await readAgenda(db(), workshop.id);
		expect(plannedMinutes(agenda)).toBe(180);
		expect(agenda[1].title).toBe('The project owner’s pitch');
		expect(workshop.locale).toBe('en');

		// Saved as a template, it gives back the same agenda.
		const saved = await templateOfWorkshop(db(), workshop, 'Notre Flash 360');
		expect(saved.ok && agendaOf(saved.template.sessions[0], 'en')).toEqual(agendaOf(builtinTemplate('flash-360').sessions[0], 'en'));
	});

	test('vivre-ensemble: a series whose mixed workshop starts with the notes of the first two, marked with their origin', async () => {
		const f = await aFacilitator(db());
		const other = await aFacilitator(db());
		const { workshop: agents, seriesId } = await createWorkshopFromTemplate(db(), {
			facilitatorId: f.id,
			title: 'Maison de Hautepierre',
			locale: 'fr',
			template: builtinTemplate('vivre-ensemble')
		});
		expect(seriesId).not.toBeNull();
		expect(agents.title).toBe('Maison de Hautepierre – Atelier 1 : les agents');
		expect(await seriesOfWorkshop(db(), agents.id)).toEqual({ seriesId, sessionKey: 'agents' });
		expect(await seriesOfWorkshops(db(), [agents.id, 'not-a-workshop'])).toEqual(new Map([[agents.id, { id: seriesId, title: 'Maison de Hautepierre' }]]));
		expect(await canSeeSeries(db(), seriesId!, f.id)).toBe(true);
		expect(await canSeeSeries(db(), seriesId!, other.id)).toBe(false);

		await writeNote(agents.id, 'a1', 'Prendre le temps d’expliquer', 'agent');
		let series = (await findSeries(db(), seriesId!))!;
		const usagers = await createSeriesSession(db(), { series, sessionKey: 'usagers', facilitatorId: f.id, now: 1000 });
		expect(readNotes(await doc(usagers.id))).toEqual([]); // the users' workshop starts blank: peers only
		await writeNote(usagers.id, 'u1', 'Être reçu sans rendez-vous', 'usager');

		series = (await findSeries(db(), seriesId!))!;
		const mixte = await createSeriesSession(db(), { series, sessionKey: 'mixte', facilitatorId: f.id, now: 2000 });
		expect(plannedMinutes(await readAgenda(db(), mixte.id))).toBe(120);
		const notes = readNotes(await doc(mixte.id));
		expect(notes.map((n) => [n.text, n.authorCategory, n.origin?.sessionKey, n.origin?.workshopTitle])).toEqual([
			['Prendre le temps d’expliquer', 'agent', 'agents', 'Maison de Hautepierre – Atelier 1 : les agents'],
			['Être reçu sans rendez-vous', 'usager', 'usagers', 'Maison de Hautepierre – Atelier 2 : les usagers']
		]);
		expect((await findSeries(db(), seriesId!))!.workshops.map((w) => w.sessionKey)).toEqual(['agents', 'usagers', 'mixte']);
		await expect(createSeriesSession(db(), { series, sessionKey: 'mixte', facilitatorId: f.id, now: 3000 })).rejects.toBeInstanceOf(SessionTaken);
	});

	async function writeNote(workshopId: string, id: string, text: string, category: 'agent' | 'usager') {
		const d = new Y.Doc();
		insertNote(d, { id, text, x: 0, y: 0, color: 'yellow', authorId: `p-${id}`, authorCategory: category, createdAt: 1, updatedAt: 1 });
		await appendUpdate(db(), workshopId, Y.encodeStateAsUpdate(d));
	}
	async function doc(workshopId: string): Promise<Y.Doc> {
		const stored = await loadDoc(db(), workshopId);
		const d = new Y.Doc();
		if (stored.snapshot) Y.applyUpdate(d, stored.snapshot);
		for (const u of stored.updates) Y.applyUpdate(d, u);
		return d;
	}
});
