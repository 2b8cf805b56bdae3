import { expect } from '@playwright/test';
import { facilitatorWithWorkshop, joinOnPhone, joinUrlOf, t, test } from './support.ts';

/**
 * A facilitator writes an idea for someone without a phone and names them: the board shows the
 * name to facilitators; phones show the idea with its collège, never the name (issue 14, item 10).
 */
test('a proxy note’s name shows on the facilitator’s board and never reaches a phone', async ({ browser }) => {
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Permanence sans téléphone');
	const { context: pc, page: phone } = await joinOnPhone(browser, await joinUrlOf(f), 'usager', 'Nadia');
	const form = f.getByRole('region', { name: t('proxy.heading') });
	await form.getByLabel(t('proxy.text'), { exact: false }).fill('Un banc devant la mairie');
	await form.getByRole('radio', { name: t('category.elu') }).check();
	await form.getByLabel(t('proxy.name'), { exact: false }).fill('M. Weber');
	await form.getByRole('button', { name: t('proxy.submit') }).click();
	await expect(f.getByText(t('proxy.added', { who: 'M. Weber (Élu·e)' }))).toBeVisible();
	await expect(f.getByText(t('board.note.proxyNamed', { name: 'M. Weber' })).first()).toBeVisible();

	await expect(phone.getByText('Un banc devant la mairie').first()).toBeVisible();
	await expect(phone.getByText('M. Weber')).toHaveCount(0);
	expect(await phone.content()).not.toContain('Weber');
	await pc.close();
	await fc.close();
});
