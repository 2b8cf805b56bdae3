import { describe, expect, it } from 'vitest';
import { representativeness, type PanelMember } from './representativeness.ts';
import { parseExpectedPanel } from './panel.ts';

const m = (category: PanelMember['category'], ageBand: PanelMember['ageBand'] = null, gender: PanelMember['gender'] = null): PanelMember => ({
	category,
	ageBand,
	gender
});

describe('representativeness', () => {
	it('counts each category against its target and shows what is still missing', () => {
		const r = representativeness([m('agent'), m('agent'), m('agent'), m('usager')], { categories: { agent: 2, usager: 4, elu: 1 } });
		expect(r.total).toBe(4);
		expect(r.expectedTotal).toBe(7);
		expect(r.categories.find((g) => g.key === 'agent')).toEqual({ key: 'agent', count: 3, target: 2, gap: 1 });
		expect(r.categories.find((g) => g.key === 'usager')).toEqual({ key: 'usager', count: 1, target: 4, gap: -3 });
		expect(r.categories.find((g) => g.key === 'expert')).toEqual({ key: 'expert', count: 0, target: null, gap: null });
		// The drift the seeds warn about: agents over target, citizens missing — recruit citizens first.
		expect(r.shortfalls).toEqual([
			{ dimension: 'category', key: 'usager', missing: 3 },
			{ dimension: 'category', key: 'elu', missing: 1 }
		]);
	});

	it('reports age bands only when the panel has age targets, and counts those who did not say apart', () => {
		const members = [m('usager', '25-39'), m('usager', null), m('agent', '60-74')];
		expect(representativeness(members, { categories: {} }).ageBands).toBeNull();
		const r = representativeness(members, { categories: {}, ageBands: { '60-74': 1, '75-plus': 2 } });
		expect(r.ageBands!.unknown).toBe(1);
		expect(r.ageBands!.groups.find((g) => g.key === '75-plus')).toEqual({ key: '75-plus', count: 0, target: 2, gap: -2 });
		expect(r.shortfalls).toEqual([{ dimension: 'ageBand', key: '75-plus', missing: 2 }]);
	});

	it('balances women and men among those who answered; skipping is never a shortfall', () => {
		const members = [m('agent', null, 'man'), m('agent', null, 'man'), m('agent', null, 'man'), m('usager', null, 'woman'), m('usager'), m('usager')];
		const r = representativeness(members, { categories: {}, genderBalance: true });
		expect(r.gender!.unknown).toBe(2);
		expect(r.gender!.groups.find((g) => g.key === 'woman')).toEqual({ key: 'woman', count: 1, target: 2, gap: -1 });
		expect(r.gender!.groups.find((g) => g.key === 'man')).toEqual({ key: 'man', count: 3, target: 2, gap: 1 });
		expect(r.gender!.groups.find((g) => g.key === 'other')!.target).toBeNull();
		expect(r.shortfalls).toEqual([{ dimension: 'gender', key: 'woman', missing: 1 }]);
		expect(representativeness(members, { categories: {} }).gender).toBeNull();
	});

	it('an empty room against an empty target has no shortfall', () => {
		const r = representativeness([], { categories: {} });
		expect(r).toMatchObject({ total: 0, expectedTotal: 0, shortfalls: [] });
	});
});

describe('parseExpectedPanel', () => {
	it('keeps known groups with whole positive targets and drops the rest', () => {
		expect(
			parseExpectedPanel({ categories: { agent: 3, usager: -1, elu: 2.5, pirate: 4, expert: '2' }, ageBands: { '25-39': 2, old: 3 }, genderBalance: 'yes' })
		).toEqual({ categories: { agent: 3 }, ageBands: { '25-39': 2 } });
		expect(parseExpectedPanel(null)).toEqual({ categories: {} });
		expect(parseExpectedPanel({ categories: { agent: 1000 }, genderBalance: true })).toEqual({ categories: {}, genderBalance: true });
	});
});
