import { expect } from '@playwright/test';
import { addPhase, facilitatorWithWorkshop, joinOnPhone, joinUrlOf, seriousViolations, t, test } from './support.ts';

const INSTRUCTIONS = 'Placez vos gommettes sur les idées à tester en premier.';
const NOTE = 'Rappeler que le vote reste secret jusqu’au dévoilement.';
const inFrench = (label: string) => t('phaseForm.inLanguage', { label, language: t('phaseForm.language.fr') });

test('a phase and a template are edited in forms: the phone shows the new instructions and never the note; the template keeps its change in its file', async ({ browser }) => {
	test.setTimeout(180_000);
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Accueil en mairie');
	await addPhase(f, 'Votons', 'vote', 10, 10);

	// From the agenda: the instructions for the room, the note for the facilitator, the vote's dots.
	await f.locator('summary', { hasText: 'Votons' }).click();
	const form = f.locator('form.phase-form');
	await form.getByLabel(t('phaseForm.instructions')).fill(INSTRUCTIONS);
	await form.getByLabel(t('phaseForm.facilitatorNote')).fill(NOTE);
	await form.getByLabel(t('phaseForm.dots')).fill('7');
	expect(await seriousViolations(f)).toEqual([]);
	await form.getByRole('button', { name: `${t('agenda.edit.submit')} : Votons` }).click();
	await expect(f.getByText(t('agenda.edit.saved', { title: 'Votons' }))).toBeVisible();
	await expect(f.getByText(NOTE)).toBeVisible();
	// It comes back from the server after a reload, for the facilitator.
	await f.reload();
	await expect(f.getByText(NOTE)).toBeVisible();

	// Two screens (a co-facilitator's tablet) have the form open: the tablet renames the phase;
	// the laptop, whose form still shows the old title, changes only the minutes and saves:
	// the new title stays, and the laptop is told it was kept.
	const tablet = await fc.newPage();
	await tablet.goto(f.url());
	await f.locator('summary', { hasText: 'Votons' }).click();
	await tablet.locator('summary', { hasText: 'Votons' }).click();
	await tablet.locator('form.phase-form').getByLabel(t('phaseForm.title')).fill('Vote final');
	await tablet.locator('form.phase-form').getByRole('button', { name: `${t('agenda.edit.submit')} : Votons` }).click();
	await expect(f.locator('summary', { hasText: 'Vote final' })).toBeVisible();
	await expect(form.getByLabel(t('phaseForm.title'))).toHaveValue('Votons');
	await form.getByLabel(t('agenda.minutes')).fill('12');
	await form.getByRole('button', { name: `${t('agenda.edit.submit')} : Vote final` }).click();
	await expect(f.getByText(t('agenda.edit.kept', { fields: t('phaseForm.title') }))).toBeVisible();
	await expect(tablet.locator('li', { hasText: 'Vote final' }).getByRole('spinbutton', { name: t('agenda.minutes') }).first()).toHaveValue('12');
	await tablet.close();

	const { page: phone } = await joinOnPhone(browser, await joinUrlOf(f), 'usager', 'Nadia');
	await f.getByRole('button', { name: t('controls.start') }).click();
	await expect(phone.getByText(INSTRUCTIONS)).toBeVisible();
	await expect(phone.getByRole('heading', { name: 'Vote final' })).toBeVisible();
	await expect(phone.getByText(t('vote.left', { left: 7, dots: 7 }))).toBeVisible();
	expect(await phone.content()).not.toContain(NOTE);

	// A copy of a built-in template, edited phase by phase.
	await f.goto('/templates/consultation-express');
	await f.getByRole('button', { name: t('templates.duplicate') }).click();
	await expect(f.getByRole('heading', { level: 1, name: t('templates.copyOf', { name: 'Consultation express' }) })).toBeVisible();
	const templateUrl = f.url();
	await f.getByRole('link', { name: t('templates.edit') }).click();
	const first = f.locator('ol.phases > li').first();
	await first.getByLabel(inFrench(t('phaseForm.title'))).fill('Accueil café');
	await first.getByLabel(inFrench(t('phaseForm.facilitatorNote'))).fill(NOTE);
	expect(await seriousViolations(f)).toEqual([]);
	// The edited phase moves down one place: its buttons name it.
	await first.getByRole('button', { name: `${t('agenda.down')} : Accueil café` }).click();
	await expect(f.locator('ol.phases > li').nth(1).getByLabel(inFrench(t('phaseForm.title')))).toHaveValue('Accueil café');
	await f.getByRole('button', { name: t('templates.editPage.submit') }).click();
	await f.waitForURL(templateUrl);
	await expect(f.getByText('Accueil café')).toBeVisible();

	// Read back: in the form after a reload, and in the exported file.
	await f.goto(`${templateUrl}/edit`);
	await expect(f.locator('ol.phases > li').nth(1).getByLabel(inFrench(t('phaseForm.facilitatorNote')))).toHaveValue(NOTE);
	const file = await (await f.request.get(`${templateUrl}/export`)).json();
	expect(file.sessions[0].phases[1].title.fr).toBe('Accueil café');
	expect(file.sessions[0].phases[1].facilitatorNote.fr).toBe(NOTE);
});
