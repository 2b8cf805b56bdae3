import { describe, expect, test } from 'vitest';
import { isLoopbackUrl, networkUrls, startBanner } from './reachability.ts';

const laptop = {
	lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
	wlan0: [
		{ address: '192.168.1.23', family: 'IPv4', internal: false },
		{ address: 'fe80::1', family: 'IPv6', internal: false }
	]
};

describe('reachability', () => {
	test.each([
		['http://127.0.0.1:3000/j/K7M4QX', true],
		['http://localhost:3000/j/K7M4QX', true],
		['http://[::1]:3000/j/K7M4QX', true],
		['http://0.0.0.0:3000/', true],
		['http://192.168.1.23:3000/j/K7M4QX', false],
		['https://concerto.mairie.fr/j/K7M4QX', false],
		['not a url', false]
	])('%s is loopback: %s', (url, loopback) => expect(isLoopbackUrl(url)).toBe(loopback));

	test('a server on every interface is reachable at each external IPv4 address; on loopback, at none', () => {
		expect(networkUrls(laptop, '0.0.0.0', 3000)).toEqual(['http://192.168.1.23:3000']);
		expect(networkUrls(laptop, '127.0.0.1', 3000)).toEqual([]);
		expect(networkUrls(laptop, '192.168.1.23', 3000)).toEqual(['http://192.168.1.23:3000']);
	});

	test('the default start says phones cannot reach it and how to fix it', () => {
		const lines = startBanner({ host: '127.0.0.1', port: 3000, origin: null, interfaces: laptop }).join('\n');
		expect(lines).toMatch(/^Concerto is ready: http:\/\/localhost:3000/);
		expect(lines).toContain('Phones cannot reach this address');
		expect(lines).toContain('HOST=0.0.0.0 ORIGIN=http://');
	});

	test('listening everywhere, it prints the network address to give the room', () => {
		const lines = startBanner({ host: '0.0.0.0', port: 3000, origin: null, interfaces: laptop });
		expect(lines).toContain('  Network:  http://192.168.1.23:3000');
		expect(lines.join('\n')).toContain('ORIGIN=http://192.168.1.23:3000');
		const withOrigin = startBanner({ host: '0.0.0.0', port: 3000, origin: 'http://192.168.1.23:3000', interfaces: laptop }).join('\n');
		expect(withOrigin).toContain('Join links and QR codes use ORIGIN: http://192.168.1.23:3000/j/…');
		expect(withOrigin).not.toContain('cannot reach');
	});
});
