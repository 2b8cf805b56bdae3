import { expect } from '@playwright/test';
import { PHONE, addPhase, facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, seriousViolations, t, test } from './support.ts';

test('the room validates the affiche; the facilitator closes once every decision has a responsible; the owner answers from their link; a phone reloading the join URL reads the answers and the affiche', async ({ browser }) => {
	test.setTimeout(180_000);
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Accueil en mairie', {
		owner: { name: 'Aline Porteuse', email: 'aline@mairie.example.fr', organisation: 'Mairie de Lyon' }
	});
	await addPhase(f, 'Décisions et engagements', 'decisions', 20, 20);
	const joinUrl = await joinUrlOf(f);
	const { context: pc, page: phone } = await joinOnPhone(browser, joinUrl, 'usager', 'Nadia');
	await f.getByRole('button', { name: t('controls.start') }).click();

	// Two confirmed decisions; the second one has no responsible yet.
	async function addDecision(title: string, responsible: string): Promise<void> {
		await f.getByRole('textbox', { name: new RegExp(t('decisions.form.title')) }).last().fill(title);
		await f.getByRole('group', { name: t('decisions.commits') }).last().getByRole('checkbox', { name: t('decisions.commit.owner') }).check();
		if (responsible) await f.getByLabel(t('decisions.form.responsible')).last().fill(responsible);
		await f.getByLabel(t('decisions.form.answerBy')).last().fill('2027-03-15');
		await f.getByLabel(t('decisions.status')).last().selectOption('confirmed');
		await f.getByRole('button', { name: t('decisions.form.add') }).click();
		await expect(f.getByRole('status').filter({ hasText: t('decisions.saved', { title }) })).toBeVisible();
	}
	await addDecision('Les agents rappellent sous 48 h', 'Service accueil');
	await addDecision('Un guichet ouvert le samedi', '');

	// The affiche: drafted, submitted to the room, validated from the phone, published.
	const board = f.url();
	await f.getByRole('link', { name: t('affiche.link') }).click();
	await expect(f.locator('html[data-hydrated]')).toBeAttached();
	await f.getByLabel(t('affiche.field.qualities', { max: 8 })).fill('Écoute\nClarté « sans jargon »');
	await f.getByLabel(t('affiche.field.agents', { max: 8 })).fill('Rappeler sous 48 h');
	await f.getByRole('button', { name: t('affiche.save') }).click();
	await expect(f.getByText(t('affiche.status.draft', { version: 1 }))).toBeVisible();
	await f.getByRole('button', { name: t('affiche.submit') }).click();
	await expect(f.getByText(t('affiche.status.submitted', { version: 1 }))).toBeVisible();
	await phone.getByRole('button', { name: t('affiche.phone.valide') }).click();
	await expect(phone.getByText(t('affiche.phone.mine.valide'))).toBeVisible();
	await f.getByRole('button', { name: t('affiche.publish') }).click();
	await expect(phone.getByText(t('affiche.phone.published'))).toBeVisible();
	await f.goto(board);

	// Closing is refused, naming the decision and what it lacks.
	await f.getByRole('button', { name: t('owners.closing.submit') }).click();
	const refusal = f.getByRole('alert').filter({ hasText: t('owners.closing.refused') });
	await expect(refusal).toContainText(t('owners.closing.problem', { title: 'Un guichet ouvert le samedi', missing: t('owners.closing.missing.responsible') }));

	// Fixed in the decisions panel, then closed: the owner's link is shown once.
	await f.getByRole('button', { name: t('decisions.editLabel', { title: 'Un guichet ouvert le samedi' }) }).click();
	const edit = f.getByRole('form', { name: t('decisions.form.edit', { title: 'Un guichet ouvert le samedi' }) });
	await edit.getByLabel(t('decisions.form.responsible')).fill('Direction de la relation usagers');
	await edit.getByRole('button', { name: t('decisions.form.save') }).click();
	await expect(f.getByRole('status').filter({ hasText: t('decisions.saved', { title: 'Un guichet ouvert le samedi' }) })).toBeVisible();
	await f.getByRole('button', { name: t('owners.closing.submit') }).click();
	await expect(f.getByText(t('owners.links.once'))).toBeVisible();
	const ownerUrl = await f.getByRole('link', { name: /\/porteur\// }).getAttribute('href');
	expect(ownerUrl).toMatch(/\/porteur\/[a-z2-7]{32}$/);
	expect(await seriousViolations(f)).toEqual([]);

	// The owner, on a phone-sized screen, declines without a reason: refused with a clear message.
	const oc = await browser.newContext({ viewport: PHONE, locale: 'fr-FR' });
	const owner = await oc.newPage();
	await owner.goto(ownerUrl!);
	await expect(owner.getByRole('heading', { level: 1, name: 'Accueil en mairie' })).toBeVisible();
	expect(await seriousViolations(owner)).toEqual([]);
	expect(await horizontalOverflow(owner)).toBe(0);
	const saturday = owner.getByRole('article', { name: 'Un guichet ouvert le samedi' });
	await saturday.getByRole('radio', { name: t('owners.answer.kind.declined') }).check();
	await saturday.getByRole('button', { name: t('owners.answer.submit') }).click();
	await expect(saturday.getByRole('alert')).toContainText(t('owners.answer.error.reasonRequired'));
	expect(await seriousViolations(owner)).toEqual([]);
	// With a reason it is taken.
	await saturday.getByRole('textbox', { name: new RegExp(`^${t('owners.answer.reason')}`) }).fill('Le budget 2027 ne permet pas d’ouvrir le samedi.');
	await saturday.getByRole('button', { name: t('owners.answer.submit') }).click();
	await expect(owner.getByRole('status').filter({ hasText: t('owners.answer.saved', { title: 'Un guichet ouvert le samedi' }) })).toBeVisible();
	// And accepts the other one, with a planned date.
	const callback = owner.getByRole('article', { name: 'Les agents rappellent sous 48 h' });
	await callback.getByRole('radio', { name: t('owners.answer.kind.accepted') }).check();
	await callback.getByLabel(t('owners.answer.plannedFor'), { exact: false }).fill('2027-01-15');
	await callback.getByRole('button', { name: t('owners.answer.submit') }).click();
	await expect(owner.getByRole('status').filter({ hasText: t('owners.answer.saved', { title: 'Les agents rappellent sous 48 h' }) })).toBeVisible();
	await expect(callback.getByText(t('owners.answer.kind.accepted'), { exact: true }).first()).toBeVisible();

	// The phone reloads the join URL: the public page shows both answers, the reason, no e-mail.
	await phone.goto(joinUrl);
	const declined = phone.getByRole('article', { name: 'Un guichet ouvert le samedi' });
	await expect(declined.getByText(t('owners.answer.kind.declined'), { exact: true })).toBeVisible();
	await expect(declined.getByText('Le budget 2027 ne permet pas d’ouvrir le samedi.')).toBeVisible();
	const accepted = phone.getByRole('article', { name: 'Les agents rappellent sous 48 h' });
	await expect(accepted.getByText(t('owners.answer.kind.accepted'), { exact: true })).toBeVisible();
	await expect(accepted.getByText('15 janvier 2027')).toBeVisible();
	// And the affiche the room validated, with its count.
	await expect(phone.getByText('Clarté « sans jargon »')).toBeVisible();
	await expect(phone.getByText('Rappeler sous 48 h')).toBeVisible();
	await expect(phone.getByText(t('affiche.validatedBy', { valide: 1, modification: 0 }))).toBeVisible();
	await expect(phone.getByRole('link', { name: t('affiche.outputs.pdf') })).toHaveAttribute('href', /\/affiche\/affiche\.pdf$/);
	await expect(phone.getByText('aline@mairie.example.fr')).toHaveCount(0);
	await expect(phone.getByText('Nadia')).toHaveCount(0);
	expect(await seriousViolations(phone)).toEqual([]);
	expect(await horizontalOverflow(phone)).toBe(0);
	await oc.close();
	await pc.close();
	await fc.close();
});
