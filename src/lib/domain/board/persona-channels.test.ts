import { describe, expect, test } from 'vitest';
import { channelItems, channelOf, otherChannels } from './persona-channels.ts';

const item = (id: string, text: string) => ({ id, text, authorId: 'x', at: 0 });

describe('persona channels', () => {
	test('a chip’s key and the usual ways of writing it name the same channel', () => {
		expect(channelOf('telephone')).toBe('telephone');
		expect(channelOf('Téléphone')).toBe('telephone');
		expect(channelOf(' E-mail ')).toBe('email');
		expect(channelOf('Courriel')).toBe('email');
		expect(channelOf('Visite à domicile')).toBe('visite');
		expect(channelOf('Home visit')).toBe('visite');
	});

	test('anything else is a free text', () => {
		expect(channelOf('France Services')).toBeNull();
		expect(channelOf('Le voisin')).toBeNull();
		expect(channelOf('  ')).toBeNull();
	});

	test('a list splits into chosen channels and free texts', () => {
		const items = [item('a', 'guichet'), item('b', 'France Services'), item('c', 'Guichet'), item('d', 'web')];
		expect(channelItems(items, 'guichet').map((i) => i.id)).toEqual(['a', 'c']);
		expect(channelItems(items, 'courrier')).toEqual([]);
		expect(otherChannels(items).map((i) => i.id)).toEqual(['b']);
	});
});
