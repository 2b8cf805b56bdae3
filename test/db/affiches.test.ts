import { describe, expect, test } from 'vitest';
import {
	readAffiche,
	readMyValidation,
	readPublishedAffiche,
	readTally,
	readValidations,
	saveAfficheContent,
	saveValidation,
	setAfficheStatus
} from '../../server/db/repositories/affiches.ts';
import { emptyContent, type AfficheContent } from '../../src/lib/domain/affiche/affiche.ts';
import { engines, useDatabase } from '../helpers/databases.ts';
import { aParticipant, aWorkshop } from './fixtures.ts';

const content = (title: string): AfficheContent => ({
	title,
	qualities: ['Écoute', 'Clarté « sans jargon »'],
	commitments: { agents: ['Répondre sous 48 h'], usagers: ['Venir avec ses pièces'], both: ['Se parler avec respect'] }
});

describe.each(engines())('%s affiches', (engine) => {
	const db = useDatabase(engine);

	test('the content is read back as written; a changed content is a new version, the same one is not', async () => {
		const w = await aWorkshop(db());
		expect(await readAffiche(db(), w.id)).toBeNull();
		expect(await saveAfficheContent(db(), w.id, content('Notre accueil'))).toBe(1);
		expect(await readAffiche(db(), w.id)).toEqual({ content: content('Notre accueil'), version: 1, status: 'draft', publishedAt: null, publishedTally: null });
		expect(await saveAfficheContent(db(), w.id, content('Notre accueil'))).toBe(1);
		expect(await saveAfficheContent(db(), w.id, content('Notre accueil à tous'))).toBe(2);
		expect((await readAffiche(db(), w.id))?.content.title).toBe('Notre accueil à tous');
	});

	test('one answer per participant per version, counted by collège; a second replaces the first', async () => {
		const w = await aWorkshop(db());
		await saveAfficheContent(db(), w.id, emptyContent('T'));
		const [a, u1, u2] = [await aParticipant(db(), w.id, 'agent'), await aParticipant(db(), w.id, 'usager'), await aParticipant(db(), w.id, 'usager')];
		await saveValidation(db(), w.id, a.id, 1, 'valide', '');
		await saveValidation(db(), w.id, u1.id, 1, 'valide', '');
		await saveValidation(db(), w.id, u2.id, 1, 'valide', '');
		await saveValidation(db(), w.id, u2.id, 1, 'modification', 'Ajouter « sans rendez-vous »');
		const t = await readTally(db(), w.id, 1);
		expect(t.agent).toEqual({ valide: 1, modification: 0 });
		expect(t.usager).toEqual({ valide: 1, modification: 1 });
		expect((await readValidations(db(), w.id, 1)).find((v) => v.choice === 'modification')).toMatchObject({
			category: 'usager',
			displayName: 'Dominique',
			comment: 'Ajouter « sans rendez-vous »'
		});
		expect(await readMyValidation(db(), w.id, u2.id, 1)).toEqual({ choice: 'modification', comment: 'Ajouter « sans rendez-vous »' });
		// Another version starts empty.
		expect(await readValidations(db(), w.id, 2)).toEqual([]);
		expect(await readMyValidation(db(), w.id, u2.id, 2)).toBeNull();
	});

	test('the published affiche keeps its counts and is the only one the restitution reads', async () => {
		const w = await aWorkshop(db());
		await saveAfficheContent(db(), w.id, content('Publiée'));
		await setAfficheStatus(db(), w.id, 'submitted');
		expect(await readPublishedAffiche(db(), w.id)).toBeNull();
		const p = await aParticipant(db(), w.id, 'agent');
		await saveValidation(db(), w.id, p.id, 1, 'valide', '');
		const counted = await readTally(db(), w.id, 1);
		const at = new Date('2026-11-28T18:00:00Z');
		await setAfficheStatus(db(), w.id, 'published', { at, tally: counted });
		const published = await readPublishedAffiche(db(), w.id);
		expect(published).toMatchObject({ status: 'published', version: 1, publishedAt: at.getTime(), content: content('Publiée') });
		expect(published?.publishedTally?.agent).toEqual({ valide: 1, modification: 0 });
	});
});
