import { expect, type Page } from '@playwright/test';
import { addPhase, facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, tabTo, test } from './support.ts';

/** Writes an idea from a phone. */
async function idea(phone: Page, text: string): Promise<void> {
	await phone.getByLabel(t('participant.idea.label')).fill(text);
	await phone.getByRole('button', { name: t('participant.idea.submit'), exact: true }).click();
}

test('three collèges vote with dots (one phone offline a moment, one by keyboard only); the projector shows the results by collège and at parity', async ({ browser }) => {
	test.setTimeout(180_000);
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Accueil en mairie');
	await addPhase(f, 'Nos idées', 'ideation', 10, 10);
	await addPhase(f, 'Votons', 'vote', 10, 20);
	const joinUrl = await joinUrlOf(f);
	const projector = await fc.newPage();
	await projector.goto(f.url() + '/projector');
	const { page: usager } = await joinOnPhone(browser, joinUrl, 'usager', 'Nadia');
	const { context: ac, page: agent } = await joinOnPhone(browser, joinUrl, 'agent', 'Karim');
	const { page: elu } = await joinOnPhone(browser, joinUrl, 'elu', 'Mme la maire');

	await f.getByRole('button', { name: t('controls.start') }).click();
	const ideas = ['Un guichet ouvert le samedi matin', 'Rappeler les gens qui n’ont pas internet', 'Des formulaires en français facile'];
	await idea(usager, ideas[0]);
	await idea(agent, ideas[1]);
	await idea(elu, ideas[2]);
	for (const text of ideas) await expect(f.getByText(text, { exact: true }).first()).toBeVisible();

	// The vote: every phone lists the ideas with + and −; five dots each, three at most on one.
	await f.getByRole('button', { name: t('controls.skip') }).click();
	for (const phone of [usager, agent, elu]) await expect(phone.getByText(t('vote.left', { left: 5, dots: 5 }))).toBeVisible();
	expect(await seriousViolations(usager)).toEqual([]);
	expect(await horizontalOverflow(usager)).toBeLessThanOrEqual(0);

	const add = (phone: Page, text: string) => phone.getByRole('button', { name: t('vote.add', { label: text }) });
	await add(usager, ideas[0]).click();
	await add(usager, ideas[0]).click();
	await add(usager, ideas[1]).click();
	await expect(usager.getByText(t('vote.left', { left: 2, dots: 5 }))).toBeVisible();

	// The agent's phone loses the network: its dots wait, shown as unsent, and go once it is back.
	await ac.setOffline(true);
	await add(agent, ideas[1]).click();
	await add(agent, ideas[1]).click();
	await expect(agent.getByText(t('vote.unsent', { count: 1 }))).toBeVisible({ timeout: 15_000 });
	await ac.setOffline(false);
	await expect(agent.getByText(t('vote.unsent', { count: 1 }))).toHaveCount(0, { timeout: 20_000 });

	// The élue votes with the keyboard only: Tab to the + of the third idea, then Space.
	const plus = add(elu, ideas[2]);
	await tabTo(elu, plus);
	await elu.keyboard.press('Space');
	await elu.keyboard.press('Space');
	await expect(elu.getByText(t('vote.left', { left: 3, dots: 5 }))).toBeVisible();

	// Secret until the reveal: the projector and the facilitator see only how many voted.
	await expect(f.getByText(t('vote.status.voters', { count: 3 }))).toBeVisible({ timeout: 15_000 });
	await expect(projector.getByText(t('vote.status.voters', { count: 3 }))).toBeVisible();
	await expect(projector.getByRole('table')).toHaveCount(0);
	expect(await seriousViolations(projector)).toEqual([]);

	await f.getByRole('button', { name: t('vote.controls.reveal') }).click();
	const table = projector.getByRole('table', { name: t('vote.results.table') });
	await expect(table).toBeVisible();
	for (const college of ['category.usager', 'category.agent', 'category.elu'] as const) await expect(table.getByRole('columnheader', { name: t(college) })).toBeVisible();
	// Two dots each, or three: each collège weighs a third at parity; the agent's idea has 3 dots (1 usager + 2 agent).
	const row = (text: string) => table.getByRole('row').filter({ has: projector.getByRole('rowheader', { name: text }) });
	await expect(row(ideas[1])).toContainText('3');
	await expect(projector.getByRole('img', { name: t('vote.results.chart', { count: 3 }) })).toBeVisible();
	expect(await seriousViolations(projector)).toEqual([]);
	expect(await seriousViolations(f)).toEqual([]);
	await expect(usager.getByRole('heading', { name: t('vote.results.heading') })).toBeVisible();
	expect(await seriousViolations(usager)).toEqual([]);
});
