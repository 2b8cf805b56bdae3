import { expect } from '@playwright/test';
import { addPhase, facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, test } from './support.ts';

test('four screens: offline ideas arrive once everywhere, the facilitator clusters them, the projector shows the cluster', async ({ browser }) => {
	test.setTimeout(150_000);
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Accueil en mairie');
	await addPhase(f, 'Nos idées', 'ideation', 15, 15);
	await addPhase(f, 'Regroupons', 'clustering', 10, 25);
	await addPhase(f, 'Qui est concerné ?', 'persona', 10, 35);
	const joinUrl = await joinUrlOf(f);

	const projector = await fc.newPage();
	await projector.goto(f.url() + '/projector');
	const { context: ac, page: agent } = await joinOnPhone(browser, joinUrl, 'agent', 'Karim');
	const { context: uc, page: usager } = await joinOnPhone(browser, joinUrl, 'usager', 'Nadia');
	await f.getByRole('button', { name: t('controls.start') }).click();
	await expect(usager.getByLabel(t('participant.idea.label'))).toBeVisible();

	// The town hall's network drops: the usager writes two ideas, which wait in the outbox.
	await uc.setOffline(true);
	const ideas = ['Pouvoir prendre rendez-vous par téléphone', 'Un guichet ouvert le samedi matin'];
	for (const idea of ideas) {
		await usager.getByLabel(t('participant.idea.label')).fill(idea);
		await usager.getByRole('button', { name: t('participant.idea.submit'), exact: true }).click();
	}
	await expect(usager.getByText(t('participant.idea.waiting', { count: 2 }))).toBeVisible({ timeout: 15_000 });
	await expect(f.getByText(ideas[0])).toHaveCount(0);

	// Back online: each idea reaches every screen exactly once.
	await uc.setOffline(false);
	for (const page of [f, agent, usager, projector]) {
		for (const idea of ideas) await expect(page.getByText(idea, { exact: true })).toHaveCount(1, { timeout: 15_000 });
	}
	// The facilitator's canvas holds them as editable notes too (the count above is its list).
	await expect(f.getByRole('textbox', { name: /post-it n°/ })).toHaveCount(2);

	// The facilitator selects both notes and groups them; the projector shows the cluster.
	await f.getByRole('button', { name: t('controls.skip') }).click();
	// Click selects a note, Shift-click adds one (no checkbox on every note).
	await f.getByRole('button', { name: /Déplacer le post-it n° 1 / }).click();
	await f.getByRole('button', { name: /Déplacer le post-it n° 2 / }).click({ modifiers: ['Shift'] });
	await expect(f.getByRole('button', { name: /Déplacer le post-it n° [12] /, pressed: true })).toHaveCount(2);
	await f.getByLabel(t('board.selection.newCluster')).fill('Horaires et rendez-vous');
	await f.getByRole('button', { name: t('board.selection.group') }).click();
	const cluster = projector.getByRole('region', { name: /Horaires et rendez-vous/ });
	await expect(cluster).toBeVisible();
	for (const idea of ideas) await expect(cluster.getByText(idea)).toBeVisible();

	// In the clustering phase the usager files their own idea elsewhere from the phone.
	await usager.getByLabel(ideas[1]).selectOption({ label: t('participant.cluster.none') });
	await expect(cluster.getByText(ideas[1])).toHaveCount(0);
	await usager.getByLabel(ideas[1]).selectOption({ label: 'Horaires et rendez-vous' });
	await expect(cluster.getByText(ideas[1])).toBeVisible();

	// A third note is dragged with the mouse onto the cluster.
	await f.getByLabel(t('board.add.label')).fill('Rappeler les gens qui n’ont pas internet');
	await f.getByRole('button', { name: t('board.add.submit'), exact: true }).click();
	const handle = f.getByRole('button', { name: /Déplacer le post-it n° 3/ });
	const target = f.getByRole('region', { name: t('board.cluster.name', { n: 1, label: 'Horaires et rendez-vous' }) });
	// Zoomed out, the note and the cluster are both in view.
	await f.getByRole('button', { name: t('board.zoomOut') }).click();
	await f.getByRole('button', { name: t('board.zoomOut') }).click();
	await f.getByRole('region', { name: t('board.heading') }).last().scrollIntoViewIfNeeded();
	const from = (await handle.boundingBox())!;
	const to = (await target.boundingBox())!;
	await f.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
	await f.mouse.down();
	await f.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
	await f.mouse.up();
	await expect(cluster.getByText('Rappeler les gens qui n’ont pas internet')).toBeVisible();

	// Undo puts it back out of the cluster.
	await f.getByRole('button', { name: t('board.undo') }).click();
	await expect(cluster.getByText('Rappeler les gens qui n’ont pas internet')).toHaveCount(0);

	// A persona: the facilitator makes the card; the agent and the usager fill two fields at once.
	await f.getByRole('button', { name: t('controls.skip') }).click();
	await f.getByRole('button', { name: t('persona.create') }).click();
	await expect(usager.getByRole('button', { name: new RegExp(t('persona.open')) })).toBeVisible();
	await agent.getByRole('button', { name: new RegExp(t('persona.open')) }).click();
	await usager.getByRole('button', { name: new RegExp(t('persona.open')) }).click();
	await agent.getByLabel(t('persona.field.age'), { exact: true }).fill('67 ans');
	await usager.getByLabel(t('persona.field.situation'), { exact: true }).fill('Vit seule, sans voiture, loin de la mairie');
	// Both leave their field (which saves it) at the same moment.
	await Promise.all([agent.getByLabel(t('persona.field.age'), { exact: true }).blur(), usager.getByLabel(t('persona.field.situation'), { exact: true }).blur()]);
	for (const page of [f, agent, usager]) {
		await expect(page.getByLabel(t('persona.field.age'), { exact: true }).first()).toHaveValue('67 ans');
		await expect(page.getByLabel(t('persona.field.situation'), { exact: true }).first()).toHaveValue('Vit seule, sans voiture, loin de la mairie');
	}

	expect(await seriousViolations(f)).toEqual([]);
	expect(await seriousViolations(projector)).toEqual([]);
	expect(await seriousViolations(usager)).toEqual([]);
	expect(await horizontalOverflow(usager)).toBeLessThanOrEqual(0);
	await Promise.all([fc.close(), ac.close(), uc.close()]);
});

test('keyboard only: create a note and put it in a cluster, without a mouse', async ({ browser }) => {
	const { context, page: f } = await facilitatorWithWorkshop(browser, 'Au clavier');
	// Any mouse or pointer event from here on fails the test.
	await f.evaluate(() => {
		const w = window as unknown as { mouseEvents: string[] };
		w.mouseEvents = [];
		for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup'])
			document.addEventListener(type, (e) => w.mouseEvents.push(`${type} on ${(e.target as Element).tagName}`), true);
	});
	await f.getByLabel(t('board.add.label')).focus();
	await f.keyboard.type('Des formulaires en langage clair');
	await f.keyboard.press('Enter');
	await expect(f.getByRole('textbox', { name: /post-it n° 1/ })).toHaveValue('Des formulaires en langage clair');

	await f.getByRole('button', { name: t('board.cluster.new') }).focus();
	await f.keyboard.press('Enter');
	const label = f.getByRole('textbox', { name: t('board.cluster.label', { n: 1 }) });
	await label.focus();
	await f.keyboard.press('ControlOrMeta+a');
	await f.keyboard.type('Langage administratif');
	await f.keyboard.press('Enter');

	// Space on the note's handle selects it; the selection's actions put it in the cluster.
	await f.getByRole('button', { name: /Déplacer le post-it n° 1/ }).focus();
	await f.keyboard.press('Space');
	await expect(f.getByText(t('board.selection.count', { count: 1 }))).toBeVisible();
	await f.getByLabel(t('board.selection.into')).focus();
	await f.keyboard.press('ArrowDown');
	await f.getByRole('button', { name: t('board.selection.put') }).focus();
	await f.keyboard.press('Enter');
	const cluster = f.getByRole('region', { name: t('board.cluster.name', { n: 1, label: 'Langage administratif' }) });
	await expect(cluster).toBeVisible();
	await expect(f.getByRole('heading', { name: /Langage administratif/ })).toBeVisible();
	await expect(f.getByRole('status').filter({ hasText: 'Langage administratif' })).toBeAttached();

	// A persona opens from the keyboard too.
	await f.getByRole('button', { name: t('persona.create') }).focus();
	await f.keyboard.press('Enter');
	await expect(f.getByLabel(t('persona.field.name'), { exact: true })).toBeFocused();
	await f.keyboard.type('Fatima');
	await f.keyboard.press('Tab');
	const toggle = f.getByRole('button', { name: new RegExp(`${t('persona.close')}|${t('persona.open')}`) }).first();
	await toggle.focus();
	await f.keyboard.press('Enter');
	await f.keyboard.press('Enter');
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	await expect(f.getByLabel(t('persona.field.age'), { exact: true })).toBeVisible();

	expect(await f.evaluate(() => (window as unknown as { mouseEvents: string[] }).mouseEvents)).toEqual([]);
	await context.close();
});

test('a participant promoted to editor gets the writable board and their note reaches the facilitator', async ({ browser }) => {
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Avec une collègue du labo');
	const { context: ec, page: e } = await joinOnPhone(browser, await joinUrlOf(f), 'agent', 'Inès');
	await f.goto(f.url() + '/participants');
	await f.getByRole('button', { name: t('people.promote', { name: 'Inès' }) }).click();
	await expect(f.getByText(t('people.done.promoted', { name: 'Inès' }))).toBeVisible();
	await f.goBack();

	// The phone turns into the editor's board by itself.
	await expect(e.getByText(t('editor.you', { name: 'Inès', category: t('category.agent') }))).toBeVisible();
	await e.getByLabel(t('board.add.label')).fill('Un accueil sans rendez-vous le mardi');
	await e.getByRole('button', { name: t('board.add.submit'), exact: true }).click();
	await expect(f.getByRole('textbox', { name: /post-it n° 1/ })).toHaveValue('Un accueil sans rendez-vous le mardi');
	expect(await seriousViolations(e)).toEqual([]);
	await Promise.all([fc.close(), ec.close()]);
});
