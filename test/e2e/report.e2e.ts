import { expect } from '@playwright/test';
import { PHONE, addPhase, facilitatorWithWorkshop, horizontalOverflow, seriousViolations, t, test } from './support.ts';
import { assembleReport, earlierSession } from '../../src/lib/domain/report/report.ts';
import { sampleInput } from '../helpers/report-sample.ts';

test('the facilitator opens the report from the board: accessible, and readable on a 360 px phone', async ({ browser }) => {
	test.setTimeout(150_000);
	const { context, page: f } = await facilitatorWithWorkshop(browser, 'Accueil « mairie » été', {
		owner: { name: 'Надежда Петрова', email: 'nadejda@example.fr', organisation: 'Mairie de Strasbourg' }
	});
	await addPhase(f, 'Décisions et engagements', 'decisions', 20, 20);
	await f.getByRole('button', { name: t('controls.start') }).click();
	const decision = 'Un guichet « tout-en-un » à 12 000 € pour l’été, ouvert aux usagers sans rendez-vous';
	const title = f.getByRole('textbox', { name: new RegExp(t('decisions.form.title')) }).last();
	await title.fill(decision);
	await f.getByRole('group', { name: t('decisions.commits') }).last().getByRole('checkbox', { name: t('decisions.commit.agent') }).check();
	await f.getByLabel(t('decisions.form.responsible')).last().fill('Service relation usagers et état civil');
	await f.getByLabel(t('decisions.form.dueDate')).last().fill('2026-06-30');
	await f.getByLabel(t('decisions.form.answerBy')).last().fill('2026-03-15');
	await f.getByRole('button', { name: t('decisions.form.add') }).click();
	await expect(f.getByRole('status').filter({ hasText: t('decisions.saved', { title: decision }) })).toBeVisible();

	await f.getByRole('link', { name: t('report.link') }).click();
	await expect(f.getByRole('heading', { level: 1, name: t('report.title', { title: 'Accueil « mairie » été' }) })).toBeVisible();
	await expect(f.getByRole('heading', { level: 2, name: t('report.decisions') })).toBeVisible();
	const decisions = f.getByRole('table', { name: t('report.decisions.caption') });
	await expect(decisions.getByRole('rowheader', { name: decision })).toBeVisible();
	await expect(decisions.getByRole('cell', { name: '30 juin 2026' })).toBeVisible();
	await expect(f.getByText('Надежда Петрова (Mairie de Strasbourg)')).toBeVisible();
	await expect(f.getByText('nadejda@example.fr')).toHaveCount(0);
	await expect(f.getByRole('link', { name: t('report.format.pdf') })).toHaveAttribute('href', /\/report\/pdf$/);
	expect(await seriousViolations(f)).toEqual([]);
	await f.setViewportSize(PHONE);
	expect(await horizontalOverflow(f)).toBe(0);

	// The feuille de route: one section per responsible service.
	await f.getByRole('link', { name: t('report.view.roadmap') }).click();
	await expect(f.getByRole('heading', { level: 2, name: 'Service relation usagers et état civil' })).toBeVisible();
	await expect(f.getByRole('rowheader', { name: decision })).toBeVisible();
	expect(await seriousViolations(f)).toEqual([]);
	expect(await horizontalOverflow(f)).toBe(0);

	// Its JSON, brought back from the home page's link, becomes a read-only archive with the same report.
	const json = await (await f.request.get(new URL(f.url()).pathname.replace(/\/report.*$/, '/report/json'))).text();
	await f.goto('/');
	await f.getByRole('link', { name: t('archive.import.title') }).click();
	await expect(f.getByRole('heading', { level: 1, name: t('archive.import.title') })).toBeVisible();
	expect(await seriousViolations(f)).toEqual([]);
	expect(await horizontalOverflow(f)).toBe(0);
	await f.getByLabel(t('archive.import.file'), { exact: false }).setInputFiles({ name: 'compte-rendu.json', mimeType: 'application/json', buffer: Buffer.from(json) });
	await f.getByRole('button', { name: t('archive.import.submit') }).click();
	await expect(f.getByRole('note').filter({ hasText: t('archive.report.notice') })).toBeVisible();
	await expect(f.getByRole('rowheader', { name: decision })).toBeVisible();
	expect(await seriousViolations(f)).toEqual([]);

	// A report with every section (counts by age band, personas, clusters with a carried-over
	// note, positioning, votes and their chart, priorities, decisions, a series' earlier session), brought in the same way:
	// axe passes on it too, on a desk and on a phone.
	const full = assembleReport(sampleInput({ earlierSessions: [earlierSession(assembleReport(sampleInput()), 'agents')] }));
	await f.goto('/archives/import');
	await f.getByLabel(t('archive.import.file'), { exact: false }).setInputFiles({ name: 'complet.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(full)) });
	await f.getByRole('button', { name: t('archive.import.submit') }).click();
	await expect(f.getByRole('note').filter({ hasText: t('archive.report.notice') })).toBeVisible();
	for (const heading of ['report.personas', 'report.positioning', 'report.votes', 'report.priorities', 'report.decisions', 'report.earlier'] as const)
		await expect(f.getByRole('heading', { level: 2, name: t(heading) })).toBeVisible();
	await expect(f.getByText('Séance agents', { exact: false }).first()).toBeVisible();
	expect(await seriousViolations(f)).toEqual([]);
	expect(await horizontalOverflow(f)).toBe(0);
	await f.setViewportSize({ width: 1400, height: 1000 });
	expect(await seriousViolations(f)).toEqual([]);
	await context.close();
});
