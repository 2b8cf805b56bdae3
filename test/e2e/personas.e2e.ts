import { expect } from '@playwright/test';
import { addPhase, facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, test } from './support.ts';

test('two phones edit the same persona field: each sees the other typing, and the later save is kept and explained, not lost', async ({ browser }) => {
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Personas à deux');
	await addPhase(f, 'Qui est concerné ?', 'persona', 10, 10);
	const joinUrl = await joinUrlOf(f);
	const [{ context: kc, page: karim }, { context: nc, page: nadia }] = await Promise.all([
		joinOnPhone(browser, joinUrl, 'agent', 'Karim'),
		joinOnPhone(browser, joinUrl, 'usager', 'Nadia')
	]);
	await f.getByRole('button', { name: t('controls.start') }).click();
	await f.getByRole('button', { name: t('persona.create') }).click();
	for (const phone of [karim, nadia]) await phone.getByRole('button', { name: new RegExp(t('persona.open')) }).click();
	const situation = (page: typeof karim) => page.getByLabel(t('persona.field.situation'), { exact: true });

	// Nadia starts typing: Karim's field says so, by name, and so does the facilitator's.
	await situation(nadia).focus();
	await expect(karim.getByText(t('persona.editing.one', { name: 'Nadia' }))).toBeVisible();
	await expect(situation(karim)).toHaveAccessibleDescription(new RegExp(t('persona.editing.one', { name: 'Nadia' })));
	await expect(f.getByText(t('persona.editing.one', { name: 'Nadia' }))).toBeVisible();
	expect(await seriousViolations(karim)).toEqual([]);

	// Both write in it at once; Nadia leaves it first (saved), then Karim (refused: changed meanwhile).
	await situation(karim).fill('Agent d’accueil, temps partiel');
	await situation(nadia).fill('Retraitée, vit seule');
	await situation(nadia).blur();
	await expect(f.getByLabel(t('persona.field.situation'), { exact: true })).toHaveValue('Retraitée, vit seule');
	await situation(karim).blur();
	await expect(karim.getByText(t('persona.stale.by', { name: 'Nadia' }))).toBeVisible();
	// Nothing typed is lost: Karim's text stays in his field, the saved one is shown beside it.
	await expect(situation(karim)).toHaveValue('Agent d’accueil, temps partiel');
	await expect(karim.locator('q', { hasText: 'Retraitée, vit seule' })).toBeVisible();
	expect(await seriousViolations(karim)).toEqual([]);
	expect(await horizontalOverflow(karim)).toBeLessThanOrEqual(0);

	// Karim merges by hand and sends again: everyone has the merged text.
	await situation(karim).fill('Retraitée, vit seule ; son fils est agent d’accueil');
	await karim.getByRole('button', { name: new RegExp(t('persona.stale.send')) }).click();
	await expect(karim.getByText(t('persona.stale.by', { name: 'Nadia' }))).toHaveCount(0);
	for (const page of [f, nadia, karim]) await expect(situation(page)).toHaveValue('Retraitée, vit seule ; son fils est agent d’accueil');
	expect(await seriousViolations(nadia)).toEqual([]);
	await Promise.all([fc.close(), kc.close(), nc.close()]);
});
