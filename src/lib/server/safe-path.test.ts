import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-path.ts';

describe('safeRedirectPath', () => {
	it('keeps same-site paths with their query', () => {
		expect(safeRedirectPath('/w/abc?x=1')).toBe('/w/abc?x=1');
		expect(safeRedirectPath('/')).toBe('/');
	});

	it.each(['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', 'w/abc', '/\t/evil.example', 42])(
		'refuses %s',
		(value) => {
			expect(safeRedirectPath(value, '/home')).toBe('/home');
		}
	);
});
