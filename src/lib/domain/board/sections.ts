import * as Y from 'yjs';
import { clampPosition, BOARD_HEIGHT, BOARD_WIDTH } from './notes.ts';
import { cleanText, num, str } from './fields.ts';

/**
 * A section (cadre): a titled area of the board — one per activity, or later one per table
 * when a phase runs by tables (`kind: 'table'` with its members). Notes written during the
 * phase a section belongs to carry its id.
 */
export interface Section {
	id: string;
	kind: 'activity' | 'table';
	title: string;
	x: number;
	y: number;
	width: number;
	height: number;
	/** The agenda phase it belongs to, if any. */
	phaseId?: string;
	/** Tables: the participants seated there. */
	memberIds: string[];
	order: number;
}

export const SECTION_TITLE_MAX = 120;
const SECTIONS = 'sections';

export function sectionsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(SECTIONS);
}

function readSection(id: string, m: Y.Map<unknown>): Section | null {
	if (!(m instanceof Y.Map)) return null;
	const members = m.get('memberIds');
	const phaseId = m.get('phaseId');
	return {
		id,
		kind: m.get('kind') === 'table' ? 'table' : 'activity',
		title: str(m, 'title'),
		x: num(m, 'x'),
		y: num(m, 'y'),
		width: num(m, 'width', 800),
		height: num(m, 'height', 600),
		...(typeof phaseId === 'string' ? { phaseId } : {}),
		memberIds: Array.isArray(members) ? members.filter((x): x is string => typeof x === 'string') : [],
		order: num(m, 'order')
	};
}

export function readSections(doc: Y.Doc): Section[] {
	const out: Section[] = [];
	sectionsOf(doc).forEach((m, id) => {
		const s = readSection(id, m);
		if (s) out.push(s);
	});
	return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function createSection(
	doc: Y.Doc,
	s: Pick<Section, 'id' | 'title' | 'x' | 'y' | 'width' | 'height'> & Partial<Pick<Section, 'kind' | 'phaseId' | 'memberIds'>>,
	origin?: unknown
): void {
	doc.transact(() => {
		const at = clampPosition(s.x, s.y);
		const m = new Y.Map<unknown>();
		m.set('kind', s.kind ?? 'activity');
		m.set('title', cleanText(s.title, SECTION_TITLE_MAX) ?? '');
		m.set('x', at.x);
		m.set('y', at.y);
		m.set('width', Math.min(BOARD_WIDTH - at.x, Math.max(200, Math.round(s.width))));
		m.set('height', Math.min(BOARD_HEIGHT - at.y, Math.max(150, Math.round(s.height))));
		if (s.phaseId) m.set('phaseId', s.phaseId);
		if (s.memberIds) m.set('memberIds', [...s.memberIds]);
		m.set('order', Math.max(0, ...readSections(doc).map((x) => x.order + 1)));
		sectionsOf(doc).set(s.id, m);
	}, origin);
}

export function updateSection(doc: Y.Doc, id: string, patch: Partial<Pick<Section, 'title' | 'x' | 'y' | 'width' | 'height'>>, origin?: unknown): boolean {
	const m = sectionsOf(doc).get(id);
	if (!(m instanceof Y.Map)) return false;
	doc.transact(() => {
		if (patch.title !== undefined) m.set('title', cleanText(patch.title, SECTION_TITLE_MAX) ?? str(m, 'title'));
		for (const k of ['x', 'y', 'width', 'height'] as const) if (patch[k] !== undefined) m.set(k, Math.max(0, Math.round(patch[k]!)));
	}, origin);
	return true;
}

export function removeSection(doc: Y.Doc, id: string, origin?: unknown): boolean {
	if (!sectionsOf(doc).has(id)) return false;
	doc.transact(() => sectionsOf(doc).delete(id), origin);
	return true;
}

/** The section a phase writes into, if the board has one for it. */
export function sectionOfPhase(doc: Y.Doc, phaseId: string): Section | null {
	return readSections(doc).find((s) => s.phaseId === phaseId) ?? null;
}
