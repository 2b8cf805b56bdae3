import type { IncomingMessage } from 'node:http';
import { describe, expect, test } from 'vitest';
import { originAllowed } from './origin.ts';

const request = (headers: Record<string, string>) => ({ headers: { host: 'atelier.example.fr', ...headers } }) as unknown as IncomingMessage;

describe('originAllowed', () => {
	test('the page’s own origin passes, another site does not', () => {
		expect(originAllowed(request({ origin: 'https://atelier.example.fr' }), null)).toBe(true);
		expect(originAllowed(request({ origin: 'https://evil.example' }), null)).toBe(false);
		expect(originAllowed(request({ origin: 'not a url' }), null)).toBe(false);
	});

	test('with ORIGIN set, only that origin passes', () => {
		expect(originAllowed(request({ origin: 'https://concerto.gouv.fr' }), 'https://concerto.gouv.fr')).toBe(true);
		expect(originAllowed(request({ origin: 'https://atelier.example.fr' }), 'https://concerto.gouv.fr')).toBe(false);
	});

	test('a same-origin browser GET without Origin passes on Sec-Fetch-Site; a bare request does not', () => {
		expect(originAllowed(request({ 'sec-fetch-site': 'same-origin' }), null)).toBe(true);
		expect(originAllowed(request({ 'sec-fetch-site': 'cross-site' }), null)).toBe(false);
		expect(originAllowed(request({}), null)).toBe(false);
	});
});
