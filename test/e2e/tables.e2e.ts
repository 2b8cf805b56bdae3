import { expect, type Locator, type Page } from '@playwright/test';
import { joinAs } from '../helpers/http.ts';
import { addPhase, facilitatorWithWorkshop, horizontalOverflow, joinOnPhone, joinUrlOf, PHONE, seriousViolations, t, test } from './support.ts';

/** True when the element is entirely within the phone's first screen (no scrolling needed). */
async function onFirstScreen(page: Page, name: string, locator: ReturnType<Page['getByText']>): Promise<void> {
	await page.evaluate(() => window.scrollTo(0, 0));
	const box = await locator.boundingBox();
	expect(box, name).not.toBeNull();
	expect(box!.y, name).toBeGreaterThanOrEqual(0);
	expect(box!.y + box!.height, `${name} ends within ${PHONE.height} px`).toBeLessThanOrEqual(PHONE.height);
}

/**
 * A finger's drag, as a tablet sends it (touch start, moves, end through Chromium's input layer):
 * `locator.dragTo` only drives a mouse, and the panel's drag must work under a finger too.
 */
async function touchDrag(page: Page, source: Locator, target: Locator): Promise<void> {
	const centre = async (l: Locator) => {
		await l.scrollIntoViewIfNeeded();
		const box = (await l.boundingBox())!;
		return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
	};
	const from = await centre(source);
	const to = await centre(target);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
	for (const step of [0.25, 0.5, 0.75, 1])
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: from.x + (to.x - from.x) * step, y: from.y + (to.y - from.y) * step }] });
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await cdp.detach();
}

test('12 participants of 3 collèges are split into 3 balanced tables; a drag moves someone; two tables write into their areas and report; readiness counts update live; the plenary shows both contributions with their tables', async ({ browser, baseURL }) => {
	test.setTimeout(180_000);
	const { context: fc, page: f } = await facilitatorWithWorkshop(browser, 'Accueil en mairie');
	await addPhase(f, 'Idées', 'ideation', 10, 10);
	// Then the plenary: a clustering phase that gathers the tables' contributions.
	await addPhase(f, 'Plénière', 'clustering', 10, 20);
	await f.locator('summary', { hasText: 'Plénière' }).click();
	const phaseForm = f.locator('form.phase-form');
	await phaseForm.getByRole('checkbox', { name: t('agenda.plenary') }).check();
	await phaseForm.getByRole('button', { name: `${t('agenda.edit.submit')} : Plénière` }).click();
	await expect(f.getByText(t('agenda.edit.saved', { title: 'Plénière' }))).toBeVisible();
	const joinUrl = await joinUrlOf(f);
	const code = joinUrl.split('/j/')[1];
	// Ten people join over HTTP (as their phones would), two on real phones: 6 agents, 3 usagers, 3 élu·es.
	const others = [...Array(6).fill('agent'), 'usager', 'usager', 'elu', 'elu'] as const;
	await Promise.all(others.map((c, i) => joinAs(baseURL!, code, `Personne ${i + 1}`, c)));
	const { page: nadia } = await joinOnPhone(browser, joinUrl, 'usager', 'Nadia');
	const { page: eric } = await joinOnPhone(browser, joinUrl, 'elu', 'Éric');
	const projector = await fc.newPage();
	await projector.goto(f.url() + '/projector');

	// The facilitator splits the room into 3 tables, balanced by collège (the default).
	const panel = f.getByTestId('tables-panel');
	await panel.getByLabel(t('tables.panel.count')).fill('3');
	await expect(panel.getByLabel(t('tables.panel.mode'))).toHaveValue('balanced');
	await panel.getByRole('button', { name: t('tables.panel.split') }).click();
	await expect(panel.getByText(t('tables.panel.done', { count: 12, tables: 3 }))).toBeVisible();

	// The projector shows the plan: every table has 4 people, 2 agents, 1 usager·ère, 1 élu·e.
	const tables = projector.getByTestId('table-plan').locator('li.table');
	await expect(tables).toHaveCount(3);
	for (let i = 0; i < 3; i++) {
		const table = tables.nth(i);
		await expect(table.getByRole('listitem')).toHaveCount(4);
		await expect(table.getByRole('listitem').filter({ hasText: t('category.agent') })).toHaveCount(2);
		await expect(table.getByRole('listitem').filter({ hasText: t('category.usager') })).toHaveCount(1);
		await expect(table.getByRole('listitem').filter({ hasText: t('category.elu') })).toHaveCount(1);
	}

	// By hand, with a drag: Éric's name onto a table that is neither Nadia's nor his own (so that two
	// different tables write below), then that table's élu·e off every table and onto Éric's old one, keeping the balance.
	const seatOf = (name: string) => f.getByRole('combobox', { name: t('tables.panel.move', { name }), exact: true });
	const handleOf = (name: string) => panel.locator('.members li').filter({ has: seatOf(name) }).locator('.handle');
	const byId = (id: string) => panel.locator(`li.table[data-seat-drop="${id}"]`);
	const ericFrom = await seatOf('Éric').inputValue();
	const toId = (await panel.locator('li.table').filter({ hasNot: seatOf('Nadia') }).filter({ hasNot: seatOf('Éric') }).first().getAttribute('data-seat-drop'))!;
	const ericTable = await byId(toId).getByLabel(t('tables.panel.name')).inputValue();
	const swapped = (await byId(toId).locator('.members li').filter({ hasText: t('category.elu') }).locator('.handle').textContent())!.match(/Personne \d+/)![0];
	await handleOf('Éric').dragTo(byId(toId));
	await expect(seatOf('Éric')).toHaveValue(toId);
	await expect(panel.getByRole('status')).toHaveText(t('tables.panel.moved', { name: 'Éric', table: ericTable }));
	await expect(eric.getByTestId('my-table').getByRole('heading')).toHaveText(t('tables.mine.heading', { name: ericTable }));
	const planTable = (name: string) => tables.filter({ has: projector.getByRole('heading', { name, exact: true }) });
	await expect(planTable(ericTable).getByRole('listitem').filter({ hasText: 'Éric' })).toBeVisible();
	await handleOf(swapped).dragTo(panel.getByTestId('tables-unseated'));
	await expect(seatOf(swapped)).toHaveValue('');
	await expect(panel.getByRole('heading', { name: t('tables.panel.unseated', { count: 1 }) })).toBeVisible();
	await expect(tables.getByRole('listitem').filter({ hasText: swapped })).toHaveCount(0);
	await touchDrag(f, handleOf(swapped), byId(ericFrom));
	await expect(seatOf(swapped)).toHaveValue(ericFrom);
	await expect(planTable(ericTable).getByRole('listitem')).toHaveCount(4);
	await expect(planTable(ericTable).getByRole('listitem').filter({ hasText: swapped })).toHaveCount(0);

	// Nadia's phone names her table; the facilitator renames it and gives it instructions: the phone follows.
	const mine = nadia.getByTestId('my-table');
	await expect(mine.getByRole('heading', { name: /^Votre table : Table \d$/ })).toBeVisible();
	const tableName = (await mine.getByRole('heading').textContent())!.replace(t('tables.mine.heading', { name: '' }), '');
	const nadiaTable = panel.locator('li.table').filter({ has: f.getByRole('combobox', { name: t('tables.panel.move', { name: 'Nadia' }) }) });
	await nadiaTable.getByLabel(t('tables.panel.name')).fill(`${tableName} — Accueil`);
	await nadiaTable.getByLabel(t('tables.panel.instructions')).fill('Le parcours d’un usager au guichet');
	await nadiaTable.getByRole('button', { name: t('tables.panel.save') }).click();
	await expect(mine.getByRole('heading', { name: t('tables.mine.heading', { name: `${tableName} — Accueil` }) })).toBeVisible();
	await expect(mine.getByText('Le parcours d’un usager au guichet')).toBeVisible();

	// The phase starts: on a 360 × 740 phone the table's name, its instructions and the composer need no scrolling.
	await f.getByRole('button', { name: t('controls.start') }).click();
	await expect(nadia.getByLabel(t('participant.idea.label'))).toBeVisible();
	await onFirstScreen(nadia, 'table name', mine.getByRole('heading'));
	await onFirstScreen(nadia, 'instructions', mine.getByText('Le parcours d’un usager au guichet'));
	await onFirstScreen(nadia, 'composer', nadia.getByLabel(t('participant.idea.label')));
	expect(await horizontalOverflow(nadia)).toBeLessThanOrEqual(0);

	// Readiness: nobody yet; Nadia, then Éric, tap "J'ai fini"; the board and the projector count them live.
	const boardReadiness = f.getByTestId('readiness');
	const screenReadiness = projector.getByTestId('readiness');
	await expect(boardReadiness.getByText(t('readiness.overall', { done: 0, of: 12 }))).toBeVisible();
	await nadia.getByRole('button', { name: t('readiness.done') }).click();
	await expect(nadia.getByRole('button', { name: t('readiness.done') })).toHaveAttribute('aria-pressed', 'true');
	await expect(boardReadiness.getByText(t('readiness.overall', { done: 1, of: 12 }))).toBeVisible();
	await expect(screenReadiness.getByText(t('readiness.overall', { done: 1, of: 12 }))).toBeVisible();
	await expect(boardReadiness.getByRole('listitem').filter({ hasText: `${tableName} — Accueil` })).toContainText('1 / 4');
	await expect(boardReadiness.getByRole('listitem').filter({ hasText: t('category.usager') })).toContainText('1 / 3');
	await eric.getByRole('button', { name: t('readiness.done') }).click();
	await expect(screenReadiness.getByText(t('readiness.overall', { done: 2, of: 12 }))).toBeVisible();
	await expect(screenReadiness.getByRole('listitem').filter({ hasText: t('category.elu') })).toContainText('1 / 3');

	// Nadia writes an idea into her table's own area: the facilitator's board shows that area with it.
	await nadia.getByLabel(t('tables.note.label', { name: `${tableName} — Accueil` })).fill('Un guichet ouvert le samedi');
	await nadia.getByRole('button', { name: t('tables.note.submit') }).click();
	await expect(nadia.getByText(t('tables.note.sent'))).toBeVisible();
	await expect(f.getByRole('textbox', { name: t('board.section.title') })).toHaveValue(`${tableName} — Accueil`);
	await expect(f.getByText('Un guichet ouvert le samedi').first()).toBeVisible();
	// She reports for her table and picks that idea for the plenary; the projector names her reporter.
	await nadia.getByRole('button', { name: t('tables.report.volunteer') }).click();
	const pick = nadia.getByRole('group', { name: t('tables.report.pick', { max: 3 }) }).getByRole('checkbox', { name: 'Un guichet ouvert le samedi' });
	await pick.check();
	await expect(pick).toBeChecked();
	await expect(projector.getByTestId('table-plan').locator('.members li').filter({ hasText: 'Nadia' })).toContainText(t('tables.plan.reporter'));

	// Per-table time: the facilitator gives Nadia's table five more minutes; her phone counts down its own end.
	await nadiaTable.getByRole('button', { name: t('tables.time.more', { minutes: 5, name: `${tableName} — Accueil` }) }).click();
	await expect(mine.getByTestId('my-table-time')).toContainText(t('tables.mine.time', { minutes: 5 }));
	await expect(nadiaTable.getByText(t('tables.time.extra', { minutes: 5 }))).toBeVisible();
	// Another table's area, read-only, from her phone.
	const otherTables = nadia.getByTestId('other-tables');
	const otherTable = otherTables.getByLabel(t('tables.others.choose'));
	const otherName = (await otherTable.locator('option').nth(1).textContent())!;
	await otherTable.selectOption({ index: 1 });
	await expect(otherTables.getByRole('status')).toHaveText(t('tables.others.readOnly', { name: otherName, count: 0 }));

	// A second table writes too: Éric, at his new table, writes an idea, reports for it and picks it.
	await eric.getByLabel(t('tables.note.label', { name: ericTable })).fill('Des rendez-vous en visio');
	await eric.getByRole('button', { name: t('tables.note.submit') }).click();
	await expect(eric.getByText(t('tables.note.sent'))).toBeVisible();
	await eric.getByRole('button', { name: t('tables.report.volunteer') }).click();
	const ericPick = eric.getByRole('group', { name: t('tables.report.pick', { max: 3 }) }).getByRole('checkbox', { name: 'Des rendez-vous en visio' });
	await ericPick.check();
	await expect(ericPick).toBeChecked();
	await expect(planTable(ericTable).getByRole('listitem').filter({ hasText: 'Éric' })).toContainText(t('tables.plan.reporter'));

	// axe on the table views: the phone, the facilitator's panel, the projector's plan.
	expect(await seriousViolations(nadia)).toEqual([]);
	expect(await seriousViolations(f)).toEqual([]);
	expect(await seriousViolations(projector)).toEqual([]);

	// The facilitator ends the phase early: the plenary starts, readiness starts afresh, and both
	// contributions are gathered, each with its own table of origin, on the board, the projector and the phones.
	await boardReadiness.getByRole('button', { name: t('readiness.endPhase') }).click();
	await expect(boardReadiness.getByText(t('readiness.overall', { done: 0, of: 12 }))).toBeVisible();
	const origin = t('tables.from', { table: `${tableName} — Accueil`, category: t('category.usager') });
	await expect(f.getByText(origin).first()).toBeVisible();
	await expect(projector.getByText(origin)).toBeVisible();
	// The origin line is the same span phones show for notes carried over from a series (no new markup to check with axe).
	await expect(eric.getByText(origin)).toBeVisible();
	const ericOrigin = t('tables.from', { table: ericTable, category: t('category.elu') });
	// Each idea's plenary copy carries its own table (the original stays in its table's area).
	const contribution = (page: Page, text: string, from: string) => page.getByRole('listitem').filter({ hasText: text }).filter({ hasText: from });
	await expect(f.getByText(ericOrigin).first()).toBeVisible();
	for (const page of [projector, nadia, eric]) {
		await expect(contribution(page, 'Un guichet ouvert le samedi', origin)).toBeVisible();
		await expect(contribution(page, 'Des rendez-vous en visio', ericOrigin)).toBeVisible();
	}
});
