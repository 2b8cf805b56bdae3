import { expect, type Page } from '@playwright/test';
import { addPhase, facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, test } from './support.ts';

async function idea(phone: Page, text: string): Promise<void> {
	await phone.getByLabel(t('participant.idea.label')).fill(text);
	await phone.getByRole('button', { name: t('participant.idea.submit'), exact: true }).click();
}

test('after a revealed vote, phones place the top items on the matrix; the board confirms a priority and makes it a decision', async ({ browser }) => {
	test.setTimeout(180_000);
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Accueil en mairie');
	await addPhase(f, 'Nos idées', 'ideation', 10, 10);
	await addPhase(f, 'Votons', 'vote', 10, 20);
	await addPhase(f, 'Priorités', 'priorities', 10, 30);
	const joinUrl = await joinUrlOf(f);
	const projector = await fc.newPage();
	await projector.goto(f.url() + '/projector');
	const { page: usager } = await joinOnPhone(browser, joinUrl, 'usager', 'Nadia');
	const { page: agent } = await joinOnPhone(browser, joinUrl, 'agent', 'Karim');

	await f.getByRole('button', { name: t('controls.start') }).click();
	const ideas = ['Un guichet ouvert le samedi matin', 'Rappeler les gens qui n’ont pas internet'];
	await idea(usager, ideas[0]);
	await idea(agent, ideas[1]);
	for (const text of ideas) await expect(f.getByText(text, { exact: true }).first()).toBeVisible();

	await f.getByRole('button', { name: t('controls.skip') }).click();
	const add = (phone: Page, text: string) => phone.getByRole('button', { name: t('vote.add', { label: text }) });
	await add(usager, ideas[0]).click();
	await add(agent, ideas[0]).click();
	await add(agent, ideas[1]).click();
	await expect(f.getByText(t('vote.status.voters', { count: 2 }))).toBeVisible({ timeout: 15_000 });
	await f.getByRole('button', { name: t('vote.controls.reveal') }).click();
	await f.getByRole('button', { name: t('controls.skip') }).click();

	// The phone: two sliders per item, by keyboard; "not sent" until Placer, then what was sent.
	const d = usager.getByRole('slider', { name: t('priorities.desirability.label', { label: ideas[0] }) });
	await expect(d).toBeVisible({ timeout: 15_000 });
	await d.focus();
	for (let i = 0; i < 3; i++) await usager.keyboard.press('PageUp');
	await usager.getByRole('slider', { name: t('priorities.feasibility.label', { label: ideas[0] }) }).fill('80');
	const item = usager.getByRole('group', { name: `1. ${ideas[0]}` });
	await expect(item.getByText(t('priorities.unsent'))).toBeVisible();
	await usager.getByRole('button', { name: t('priorities.placeLabel', { label: ideas[0] }) }).click();
	const value = Number(await d.inputValue());
	expect(value).toBeGreaterThan(50);
	await expect(item.getByText(t('priorities.sent', { desirability: value, feasibility: 80 }))).toBeVisible();
	expect(await horizontalOverflow(usager)).toBeLessThanOrEqual(0);
	expect(await seriousViolations(usager)).toEqual([]);

	// The board: the matrix as an image with its title, the medians in the table, the spread on demand.
	await expect(f.getByRole('img', { name: t('priorities.matrix.title', { count: 1 }) })).toBeVisible();
	const table = f.getByRole('table', { name: t('priorities.table.caption') });
	await expect(table.getByRole('row').filter({ hasText: ideas[0] })).toContainText(t('priorities.quadrant.first'));
	await f.getByRole('button', { name: t('priorities.spread.toggle') }).click();
	await expect(table.getByRole('columnheader', { name: t('priorities.table.colleges') })).toBeVisible();

	await expect(projector.getByRole('img', { name: t('priorities.matrix.title', { count: 1 }) })).toBeVisible();
	expect(await seriousViolations(projector)).toEqual([]);
	if (process.env.E2E_SHOTS) await usager.screenshot({ path: `${process.env.E2E_SHOTS}/phone.png`, fullPage: true });
	if (process.env.E2E_SHOTS) await f.screenshot({ path: `${process.env.E2E_SHOTS}/board.png`, fullPage: true });

	// Confirm the first idea, then make it a decision: the form opens with its title.
	await f.getByRole('checkbox', { name: ideas[0] }).check();
	await f.getByRole('button', { name: t('priorities.confirm.submit') }).click();
	await expect(f.getByText(t('priorities.confirm.done', { count: 1 }))).toBeVisible();
	await f.getByRole('button', { name: t('priorities.toDecisionLabel', { label: ideas[0] }) }).click();
	const title = f.getByRole('textbox', { name: new RegExp(t('decisions.form.title')) }).first();
	await expect(title).toHaveValue(ideas[0]);
	expect(await seriousViolations(f)).toEqual([]);
	await f.getByRole('button', { name: t('decisions.form.add') }).first().click();
	await expect(f.getByRole('status').filter({ hasText: t('decisions.saved', { title: ideas[0] }) }).first()).toBeVisible();
});
