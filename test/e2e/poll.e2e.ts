import { expect } from '@playwright/test';
import { addPhase, facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, tabTo, test } from './support.ts';

test('two phones answer a quick poll (one by keyboard only); the projector shows the bars by collège after the reveal', async ({ browser }) => {
	test.setTimeout(180_000);
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Accueil en mairie');
	await addPhase(f, 'Question rapide', 'poll', 3, 3);
	// The question and its choices, typed in the phase's form in the agenda (one choice per line).
	await f.locator('summary', { hasText: 'Question rapide' }).click();
	await f.getByLabel(t('agenda.poll.question')).fill('Avez-vous déjà fait cette démarche en ligne ?');
	await f.getByLabel(t('agenda.poll.choices')).fill('Oui, sans difficulté\nOui, avec de l’aide\nNon, jamais');
	await f.getByRole('button', { name: `${t('agenda.edit.submit')} : Question rapide` }).click();
	await expect(f.getByText(t('agenda.edit.saved', { title: 'Question rapide' }))).toBeVisible();
	const joinUrl = await joinUrlOf(f);
	const projector = await fc.newPage();
	await projector.goto(f.url() + '/projector');
	const { page: usager } = await joinOnPhone(browser, joinUrl, 'usager', 'Nadia');
	const { page: agent } = await joinOnPhone(browser, joinUrl, 'agent', 'Karim');

	await f.getByRole('button', { name: t('controls.start') }).click();
	const question = usager.getByRole('group', { name: 'Avez-vous déjà fait cette démarche en ligne ?' });
	await expect(question).toBeVisible();
	await expect(question.getByRole('radio')).toHaveCount(3);
	expect(await seriousViolations(usager)).toEqual([]);
	expect(await horizontalOverflow(usager)).toBeLessThanOrEqual(0);

	await question.getByRole('radio', { name: 'Non, jamais' }).check();
	await usager.getByRole('button', { name: t('poll.submit') }).click();
	await expect(usager.getByText(t('poll.sent'))).toBeVisible();

	// The agent answers with the keyboard only: Tab to the first choice, arrow to the second, then to Répondre.
	const first = agent.getByRole('radio', { name: 'Oui, sans difficulté' });
	await tabTo(agent, first);
	await agent.keyboard.press('ArrowDown');
	await expect(agent.getByRole('radio', { name: 'Oui, avec de l’aide' })).toBeChecked();
	await agent.keyboard.press('Tab');
	await expect(agent.getByRole('button', { name: t('poll.submit') })).toBeFocused();
	await agent.keyboard.press('Enter');
	await expect(agent.getByText(t('poll.sent'))).toBeVisible();

	// Secret until the reveal: the facilitator and the projector see only how many answered.
	await expect(f.getByText(t('poll.status.answered', { count: 2 }))).toBeVisible({ timeout: 15_000 });
	await expect(projector.getByText(t('poll.status.answered', { count: 2 }))).toBeVisible();
	await expect(projector.getByRole('table')).toHaveCount(0);
	expect(await seriousViolations(projector)).toEqual([]);

	await f.getByRole('button', { name: t('poll.controls.reveal') }).click();
	const table = projector.getByRole('table', { name: t('poll.results.table') });
	await expect(table).toBeVisible();
	for (const college of ['category.usager', 'category.agent'] as const) await expect(table.getByRole('columnheader', { name: t(college) })).toBeVisible();
	const row = (text: string) => table.getByRole('row').filter({ has: projector.getByRole('rowheader', { name: text }) });
	await expect(row('Non, jamais')).toContainText('1 (50 %)');
	await expect(row('Oui, sans difficulté')).toContainText('0 (0 %)');
	await expect(projector.getByRole('img', { name: t('poll.results.chart', { count: 2 }) })).toBeVisible();
	expect(await seriousViolations(projector)).toEqual([]);
	expect(await seriousViolations(f)).toEqual([]);
	await expect(usager.getByRole('table', { name: t('poll.results.table') })).toBeVisible();
	expect(await seriousViolations(usager)).toEqual([]);
	expect(await horizontalOverflow(usager)).toBeLessThanOrEqual(0);
});
