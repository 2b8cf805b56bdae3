import { describe, expect, test } from 'vitest';
import { isDay, moveTo, normaliseCommits, publicOwners } from './decision.ts';
import { decisionsShown } from './shown.ts';

describe('decisions domain', () => {
	test('a day is a real calendar day written YYYY-MM-DD', () => {
		expect(isDay('2026-03-15')).toBe(true);
		expect(isDay('2028-02-29')).toBe(true);
		for (const bad of ['2026-02-30', '2026-13-01', '15/03/2026', '2026-3-15', '', '1999-12-31', '2026-03-15T10:00'])
			expect(isDay(bad), bad).toBe(false);
	});

	test('committers keep one canonical order, without repeats', () => {
		expect(normaliseCommits(['owner', 'usager', 'agent', 'usager'])).toEqual(['agent', 'usager', 'owner']);
		expect(normaliseCommits([])).toEqual([]);
	});

	test('moving a decision puts it at the index asked, clamped; an unknown id is null', () => {
		const ids = ['a', 'b', 'c', 'd'];
		expect(moveTo(ids, 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
		expect(moveTo(ids, 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
		expect(moveTo(ids, 'b', 99)).toEqual(['a', 'c', 'd', 'b']);
		expect(moveTo(ids, 'c', -3)).toEqual(['c', 'a', 'b', 'd']);
		expect(moveTo(ids, 'x', 0)).toBeNull();
	});

	test('the room sees owners without their e-mail', () => {
		expect(publicOwners([{ id: 'o', name: 'Mairie', email: 'dgs@ville.fr', organisation: 'Ville' }])).toEqual([
			{ id: 'o', name: 'Mairie', organisation: 'Ville' }
		]);
	});

	test('phones and the projector show decisions during a decisions phase and after the end', () => {
		const decisions = { id: 'd', type: 'decisions' };
		const ideation = { id: 'i', type: 'ideation' };
		expect(decisionsShown('running', decisions)).toBe(true);
		expect(decisionsShown('paused', decisions)).toBe(true);
		expect(decisionsShown('running', ideation)).toBe(false);
		expect(decisionsShown('idle', decisions)).toBe(false);
		expect(decisionsShown('ended', ideation)).toBe(true);
		expect(decisionsShown('ended', null)).toBe(true);
	});
});
