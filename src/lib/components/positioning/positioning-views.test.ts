import { describe, expect, test } from 'vitest';
import { render } from 'svelte/server';
import type { Component } from 'svelte';
import WithI18n from '$lib/i18n/WithI18n.svelte';
import MarkerPlacer from './MarkerPlacer.svelte';
import ScaleSpread from './ScaleSpread.svelte';
import type { Scale } from '$lib/domain/board/positioning';
import type { LiveChannel } from '$lib/state/live.svelte';

// Server-rendered markup: what a screen reader gets before any script runs.
const html = <P extends Record<string, unknown>>(component: Component<P>, props: P) =>
	render(WithI18n, { props: { component: component as Component<Record<string, unknown>>, props } }).body.replace(/<!--[\s\S]*?-->/g, '');

/** The table's rows as the text of their cells. */
const tableRows = (out: string) =>
	[...out.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1].trim()));

const scale = (markers: Scale['markers']): Scale => ({ id: 'p', leftPole: 'Relation idéale', rightPole: 'Relation chaotique', createdAt: 0, markers });
const marker = (participantId: string, category: Scale['markers'][number]['category'], value: number) => ({ participantId, category, value, at: 0 });
const live = {} as LiveChannel;

describe('MarkerPlacer', () => {
	test('the slider reads its place in words and says the marker is placed once the document has it', () => {
		const out = html(MarkerPlacer, { live, scale: scale([marker('me', 'usager', 30)]), settings: {}, meId: 'me' });
		expect(out).toContain('type="range"');
		expect(out).toContain('aria-valuetext="plutôt relation idéale (30/100)"');
		expect(out).toContain('Votre repère est placé : plutôt relation idéale (30/100).');
		expect(out).toContain('Déplacer mon repère');
	});

	test('before the scale arrives it shows the phase’s poles, in the middle, not yet placed', () => {
		const out = html(MarkerPlacer, { live, scale: null, settings: { leftPole: 'Très simple', rightPole: 'CAF injoignable' }, meId: 'me' });
		expect(out).toContain('Très simple');
		expect(out).toContain('aria-valuetext="au milieu (50/100)"');
		expect(out).toContain('Placer mon repère');
		expect(out).not.toContain('Votre repère est placé');
	});
});

describe('ScaleSpread', () => {
	test('each collège gets a row and a table line with its count, median and mean', () => {
		const out = html(ScaleSpread, {
			scale: scale([marker('a', 'usager', 10), marker('b', 'usager', 20), marker('c', 'usager', 60), marker('d', 'agent', 90)])
		});
		expect(out).toContain('Où se situe chaque collège');
		expect(out).toContain('4 repère(s) en tout');
		expect(tableRows(out)).toEqual([
			['Collège', 'Repères', 'Médiane', 'Moyenne', 'Étendue', 'La médiane en mots'],
			['Agent public', '1', '90', '90', 'de 90 à 90', 'tout à fait relation chaotique (90/100)'],
			['Usager·ère', '3', '20', '30', 'de 10 à 60', 'plutôt relation idéale (20/100)']
		]);
		expect(out).not.toContain('Élu·e');
	});

	test('an empty scale says so', () => {
		expect(html(ScaleSpread, { scale: scale([]) })).toContain('Aucun repère pour l’instant.');
	});
});
