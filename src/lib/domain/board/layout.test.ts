import { describe, expect, test } from 'vitest';
import { frameAt, layoutBoard, notesInRect, sectionSlot } from './layout.ts';
import type { Note } from './notes.ts';
import type { Cluster } from './clusters.ts';

const note = (id: string, x: number, y: number, clusterId?: string): Note => ({
	id,
	text: id,
	x,
	y,
	color: 'yellow',
	authorId: '',
	authorCategory: 'agent',
	createdAt: 0,
	updatedAt: 0,
	...(clusterId ? { clusterId } : {})
});
const cluster: Cluster = { id: 'c1', label: 'Horaires', color: 'blue', x: 2000, y: 40, order: 0, createdAt: 0 };

describe('board layout', () => {
	test('clustered notes sit in their cluster’s frame, whatever their own position; loose notes keep theirs', () => {
		const layout = layoutBoard([note('a', 10, 10, 'c1'), note('b', 50, 60), note('c', 900, 900, 'c1')], [cluster]);
		expect(layout.notes.get('b')).toEqual({ x: 50, y: 60 });
		const frame = layout.clusters.get('c1')!;
		for (const id of ['a', 'c']) {
			const p = layout.notes.get(id)!;
			expect(frameAt([frame], p.x + 1, p.y + 1)?.id).toBe('c1');
		}
		expect(layout.members.get('c1')).toEqual(['a', 'c']);
	});

	test('a drop point inside a frame finds it; outside finds none', () => {
		const layout = layoutBoard([], [cluster]);
		expect(frameAt(layout.clusters.values(), 2010, 50)?.id).toBe('c1');
		expect(frameAt(layout.clusters.values(), 100, 100)).toBeNull();
	});

	test('a selection rectangle drawn in any direction picks the notes it meets', () => {
		const layout = layoutBoard([note('a', 0, 0), note('b', 500, 500)], []);
		expect(notesInRect(layout, { x: 300, y: 300 }, { x: 10, y: 10 })).toEqual(['a']);
		expect(notesInRect(layout, { x: 0, y: 0 }, { x: 600, y: 600 }).sort()).toEqual(['a', 'b']);
	});

	test('notes written into a section fill it row by row', () => {
		const s = { x: 100, y: 100, width: 640 };
		expect(sectionSlot(s, 0)).toEqual({ x: 116, y: 156 });
		expect(sectionSlot(s, 3).y).toBeGreaterThan(sectionSlot(s, 2).y);
	});
});
