import { expect, type Page } from '@playwright/test';
import { facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, tabTo, test } from './support.ts';

/**
 * The DITP's Flash 360 from the crash-test to the decisions, as a room runs it: three phones of
 * three collèges and the projector follow the facilitator's board through the last two hours.
 */

async function idea(phone: Page, text: string, board: Page): Promise<void> {
	await phone.getByLabel(t('participant.idea.label')).fill(text);
	await phone.getByRole('button', { name: t('participant.idea.submit'), exact: true }).click();
	// One at a time, so the board numbers the notes in the order they were written.
	await expect(board.getByText(text, { exact: true }).first()).toBeVisible();
}

/** Every screen passes axe, and a phone never scrolls sideways. */
async function usable(pages: Page[], phones: Page[]): Promise<void> {
	// All screens at once: each is its own renderer, so the checks overlap (a fifth off this test).
	const found = await Promise.all(pages.map((page) => seriousViolations(page)));
	pages.forEach((page, i) => expect(found[i], page.url()).toEqual([]));
	for (const phone of phones) expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
}

test('Flash 360 from the crash-test to the decisions: three collèges, the projector, an offline phone and a keyboard-only vote', async ({ browser }) => {
	test.setTimeout(420_000);
	// The project owner is named when the workshop is created: the decisions go to her.
	const owner = { name: 'Claire Martin', email: 'c.martin@ville.example.fr', organisation: 'Direction générale des services' };
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Crash-test du guichet unique', { template: 'Flash 360', owner });
	const projector = await fc.newPage();
	await projector.goto(f.url() + '/projector');
	const joinUrl = await joinUrlOf(f);
	const { context: uc, page: usager } = await joinOnPhone(browser, joinUrl, 'usager', 'Nadia');
	const { page: agent } = await joinOnPhone(browser, joinUrl, 'agent', 'Karim');
	const { page: elu } = await joinOnPhone(browser, joinUrl, 'elu', 'Mme la maire');
	const phones = [usager, agent, elu];
	const screens = [f, projector, ...phones];
	const onEveryScreen = async (title: string) => {
		for (const screen of [projector, ...phones]) await expect(screen.getByRole('heading', { name: title, exact: true })).toBeVisible({ timeout: 15_000 });
	};

	// Welcome, pitch, first reactions and personas happen off the phones here: on to the crash-test.
	await f.getByRole('button', { name: t('controls.start') }).click();
	await onEveryScreen('Accueil et cadrage');
	// The room's screen: the text for the room, never the facilitator's note, and no site chrome nor link.
	await expect(projector.getByText(/Bienvenue !/)).toBeVisible();
	await expect(projector.getByText(/désillusion/)).toHaveCount(0);
	await expect(projector.getByRole('link')).toHaveCount(0);
	for (const next of ['Le pitch du porteur de projet', 'Premières réactions']) {
		await f.getByRole('button', { name: t('controls.skip') }).click();
		await onEveryScreen(next);
	}
	// A silent phase: the projector says how many ideas wait for the reveal (their texts stay hidden).
	await usager.getByLabel(t('participant.idea.label')).fill('On ne sait jamais à qui s’adresser');
	await usager.getByRole('button', { name: t('participant.idea.submit'), exact: true }).click();
	await expect(projector.getByText(t('projector.waiting', { count: 1 }))).toBeVisible({ timeout: 15_000 });
	await expect(projector.getByText('On ne sait jamais à qui s’adresser')).toHaveCount(0);
	await usable([projector], []);
	// Personas: a card filled on a phone shows on the projector.
	await f.getByRole('button', { name: t('controls.skip') }).click();
	await onEveryScreen('Personas : qui est concerné ?');
	await usager.getByRole('button', { name: t('persona.create') }).click();
	await usager.getByLabel(t('persona.field.name'), { exact: true }).fill('Fatima');
	await usager.keyboard.press('Tab');
	await expect(projector.getByRole('heading', { name: 'Fatima' })).toBeVisible({ timeout: 15_000 });
	await usable([projector], []);
	await f.getByRole('button', { name: t('controls.skip') }).click();
	await onEveryScreen('Crash-test du projet');

	// The crash-test: each collège writes obstacles and levers.
	const notes = [
		[usager, 'Le guichet ferme avant la sortie du travail'],
		[agent, 'Ouvrir le samedi matin une fois par mois'],
		[elu, 'Personne pour aider à remplir le dossier en ligne'],
		[usager, 'Les courriers sont écrits dans un jargon incompréhensible']
	] as const;
	for (const [phone, text] of notes) await idea(phone, text, f);
	await usable(screens, phones);

	// The break, then the clustering: the facilitator makes three groups on the board.
	await f.getByRole('button', { name: t('controls.skip') }).click();
	await onEveryScreen('Pause');
	await f.getByRole('button', { name: t('controls.skip') }).click();
	await onEveryScreen('Regroupement');
	const clusters = ['Horaires d’ouverture', 'Accompagnement humain', 'Courriers en langage clair'];
	const group = async (numbers: number[], label: string) => {
		// Selected by a click on each note's handle, Shift adding to the selection (no checkboxes).
		for (const n of numbers) await f.getByRole('button', { name: new RegExp(`Déplacer le post-it n° ${n} `) }).click({ modifiers: ['Shift'] });
		await f.getByLabel(t('board.selection.newCluster')).fill(label);
		await f.getByRole('button', { name: t('board.selection.group') }).click();
		await expect(projector.getByRole('region', { name: new RegExp(label) })).toBeVisible();
	};
	// Note 1 is the first reaction revealed when its silent phase ended.
	await group([2, 3], clusters[0]);
	await group([4], clusters[1]);
	await group([5], clusters[2]);

	// The dot vote, on the clusters: five dots each, two at most on one.
	await f.getByRole('button', { name: t('controls.skip') }).click();
	for (const phone of phones) await expect(phone.getByText(t('vote.left', { left: 5, dots: 5 }))).toBeVisible({ timeout: 15_000 });
	const add = (phone: Page, label: string) => phone.getByRole('button', { name: t('vote.add', { label }) });
	await usable(screens, phones);

	// The usager's phone loses the network in the middle: its dot waits and goes on reconnection.
	await uc.setOffline(true);
	await add(usager, clusters[2]).click();
	await expect(usager.getByText(t('vote.unsent', { count: 1 }))).toBeVisible({ timeout: 15_000 });
	await uc.setOffline(false);
	await expect(usager.getByText(t('vote.unsent', { count: 1 }))).toHaveCount(0, { timeout: 20_000 });
	await expect(usager.getByText(t('vote.left', { left: 4, dots: 5 }))).toBeVisible();

	// The agent spreads all five dots.
	for (const label of [clusters[0], clusters[0], clusters[1], clusters[1], clusters[2]]) await add(agent, label).click();
	await expect(agent.getByText(t('vote.left', { left: 0, dots: 5 }))).toBeVisible();

	// The élue votes with the keyboard only: Tab to a +, then Space, twice on two clusters.
	for (const label of [clusters[0], clusters[1]]) {
		const plus = add(elu, label);
		await tabTo(elu, plus);
		await elu.keyboard.press('Space');
		await elu.keyboard.press('Space');
	}
	await expect(elu.getByText(t('vote.left', { left: 1, dots: 5 }))).toBeVisible();

	// Secret until the reveal: the projector sees only how many voted.
	await expect(projector.getByText(t('vote.status.voters', { count: 3 }))).toBeVisible({ timeout: 15_000 });
	await expect(projector.getByRole('table')).toHaveCount(0);
	await f.getByRole('button', { name: t('vote.controls.reveal') }).click();

	// Raw: 4, 4 and 2 dots. At parity the usager's single dot weighs a whole collège, so the
	// plain-language letters come first (40 %) while they are last in the raw count, and the
	// table says how many places they gain.
	const table = projector.getByRole('table', { name: t('vote.results.table') });
	await expect(table).toBeVisible();
	for (const college of ['category.usager', 'category.agent', 'category.elu'] as const) await expect(table.getByRole('columnheader', { name: t(college) })).toBeVisible();
	const row = (label: string) => table.getByRole('row').filter({ has: projector.getByRole('rowheader', { name: label }) });
	const cells = async (label: string) => (await row(label).getByRole('cell').allTextContents()).map((c) => c.trim());
	const [parityRank, total, , , , parityShare, rawRank] = await cells(clusters[2]);
	expect({ parityRank, total, parityShare, rawRank }).toEqual({ parityRank: '1', total: '2', parityShare: '40 %', rawRank: `3 ${t('vote.results.climbs', { n: 2 })}` });
	expect((await cells(clusters[0]))[1]).toBe('4');
	await expect(projector.getByRole('img', { name: t('vote.results.chart', { count: 3 }) })).toBeVisible();
	for (const phone of phones) await expect(phone.getByRole('heading', { name: t('vote.results.heading') })).toBeVisible();
	await usable(screens, phones);

	// Priorities: the élue places the first cluster from her phone; the board and the projector draw it.
	await f.getByRole('button', { name: t('controls.skip') }).click();
	const desirability = elu.getByRole('slider', { name: t('priorities.desirability.label', { label: clusters[2] }) });
	await expect(desirability).toBeVisible({ timeout: 15_000 });
	await desirability.fill('90');
	await elu.getByRole('slider', { name: t('priorities.feasibility.label', { label: clusters[2] }) }).fill('75');
	await elu.getByRole('button', { name: t('priorities.placeLabel', { label: clusters[2] }) }).click();
	await expect(elu.getByText(t('priorities.sent', { desirability: 90, feasibility: 75 }))).toBeVisible();
	await expect(f.getByRole('img', { name: t('priorities.matrix.title', { count: 1 }) })).toBeVisible();
	await expect(projector.getByRole('img', { name: t('priorities.matrix.title', { count: 1 }) })).toBeVisible();
	await usable(screens, phones);

	// The facilitator keeps two priorities; the first becomes a decision straight from the matrix.
	await f.getByRole('checkbox', { name: clusters[2], exact: true }).check();
	await f.getByRole('checkbox', { name: clusters[0], exact: true }).check();
	await f.getByRole('button', { name: t('priorities.confirm.submit') }).click();
	await expect(f.getByText(t('priorities.confirm.done', { count: 2 }))).toBeVisible();
	await f.getByRole('button', { name: t('priorities.toDecisionLabel', { label: clusters[2] }) }).click();
	const fromPriority = f.locator('form.decision-form').filter({ visible: true }).first();
	await expect(fromPriority.getByRole('textbox', { name: new RegExp(t('decisions.form.title')) })).toHaveValue(clusters[2]);
	await fromPriority.getByLabel(t('decisions.form.responsible')).fill('Service courrier de la mairie');
	await fromPriority.getByLabel(t('decisions.form.dueDate')).fill('2027-03-31');
	await fromPriority.getByLabel(t('decisions.form.answerBy')).fill('2027-01-15');
	await fromPriority.getByRole('button', { name: t('decisions.form.add') }).click();
	await expect(f.getByRole('status').filter({ hasText: t('decisions.saved', { title: clusters[2] }) }).first()).toBeVisible();

	// The decisions phase: an engagement of the agents, written directly.
	await f.getByRole('button', { name: t('controls.skip') }).click();
	await onEveryScreen('Décisions et passage de relais au porteur');
	const engagement = 'Les agents s’engagent à ouvrir le samedi matin une fois par mois';
	const form = f.locator('.decisions-panel form.decision-form').last();
	await form.getByRole('textbox', { name: new RegExp(t('decisions.form.title')) }).fill(engagement);
	await form.getByRole('group', { name: t('decisions.commits') }).getByRole('checkbox', { name: t('decisions.commit.agent') }).check();
	await form.getByLabel(t('decisions.form.responsible')).fill('Direction de l’accueil');
	await form.getByLabel(t('decisions.form.dueDate')).fill('2027-06-30');
	await form.getByLabel(t('decisions.form.answerBy')).fill('2027-01-15');
	await form.getByRole('button', { name: t('decisions.form.add') }).click();
	await expect(f.getByRole('status').filter({ hasText: t('decisions.saved', { title: engagement }) }).first()).toBeVisible();

	// Both decisions, with who is responsible and the dates, on every screen.
	for (const screen of [projector, ...phones]) {
		for (const text of [clusters[2], engagement, 'Service courrier de la mairie', 'Direction de l’accueil', '31 mars 2027', '30 juin 2027'])
			await expect(screen.getByText(text, { exact: true }).first()).toBeVisible({ timeout: 15_000 });
		await expect(screen.getByText('15 janvier 2027').first()).toBeVisible();
		await expect(screen.getByText(`${owner.name} (${owner.organisation})`)).toBeVisible();
		await expect(screen.getByText(owner.email)).toHaveCount(0);
	}
	await usable(screens, phones);
});
