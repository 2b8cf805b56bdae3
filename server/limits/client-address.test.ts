import { describe, expect, test } from 'vitest';
import { addressSource, clientAddress } from './client-address.ts';

const req = (headers: Record<string, string | string[]>, remoteAddress = '10.0.0.2') => ({ headers, socket: { remoteAddress } });

describe('the client address of a socket or first-state request', () => {
	test('without a proxy header, the peer: a header sent by the client itself changes nothing', () => {
		expect(clientAddress(req({ 'x-forwarded-for': '1.2.3.4' }), { header: null, xffDepth: 1 })).toBe('10.0.0.2');
	});

	test('behind one proxy, the rightmost x-forwarded-for entry: what a client wrote before it is ignored', () => {
		const one = { header: 'x-forwarded-for', xffDepth: 1 };
		expect(clientAddress(req({ 'x-forwarded-for': '198.51.100.9' }), one)).toBe('198.51.100.9');
		expect(clientAddress(req({ 'x-forwarded-for': 'forged, 198.51.100.9' }), one)).toBe('198.51.100.9');
		expect(clientAddress(req({ 'x-forwarded-for': 'forged, 198.51.100.9, 10.0.0.1' }), { header: 'x-forwarded-for', xffDepth: 2 })).toBe('198.51.100.9');
	});

	test('a missing or short header falls back to the peer instead of failing', () => {
		const two = { header: 'x-forwarded-for', xffDepth: 2 };
		expect(clientAddress(req({}), two)).toBe('10.0.0.2');
		expect(clientAddress(req({ 'x-forwarded-for': '198.51.100.9' }), two)).toBe('10.0.0.2');
	});

	test('another header is taken whole', () => {
		expect(clientAddress(req({ 'x-real-ip': '203.0.113.5' }), { header: 'x-real-ip', xffDepth: 1 })).toBe('203.0.113.5');
	});

	test('read from the environment as adapter-node reads it', () => {
		expect(addressSource({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' })).toEqual({ header: 'x-forwarded-for', xffDepth: 2 });
		expect(addressSource({})).toEqual({ header: null, xffDepth: 1 });
		expect(addressSource({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: 'zero' })).toEqual({ header: 'x-forwarded-for', xffDepth: 1 });
	});
});
