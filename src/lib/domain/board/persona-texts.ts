import * as Y from 'yjs';
import { textChanges } from './text-diff.ts';

/**
 * A persona's text fields as shared text. Each field is a Y.Text, so two people who change the
 * same field at once both keep their changes (Yjs merges them character by character) instead
 * of the last save replacing the first. Beside the texts, `by` names who changed each field
 * last (an actor id, never a name: names stay on the server), so a refusal can say who.
 *
 * Documents made before this held each field as a plain string (or nothing, until first
 * written): they are still read, and {@link upgradePersonaTexts} turns them into texts.
 */

/** Who changed each field last: field → actor id. */
export const EDITED_BY = 'by';

/** A field's text, whether stored as a Y.Text or (older documents) a plain string. */
export function fieldText(m: Y.Map<unknown>, field: string): string {
	const v = m.get(field);
	if (v instanceof Y.Text) return v.toString();
	return typeof v === 'string' ? v : '';
}

/** Who changed `field` last, or '' when nobody is known (never changed, or an older document). */
export function fieldEditor(m: Y.Map<unknown>, field: string): string {
	const by = m.get(EDITED_BY);
	const id = by instanceof Y.Map ? by.get(field) : undefined;
	return typeof id === 'string' ? id : '';
}

/**
 * Makes every field in `fields` a Y.Text holding what it held, and the `by` map; call inside a
 * transaction. Only one writer should upgrade a given document (the server, when it loads it):
 * two screens upgrading the same field at once would each make their own text, and whatever
 * one of them typed into the text that lost would be lost.
 */
export function ensureTexts(m: Y.Map<unknown>, fields: readonly string[]): boolean {
	let changed = false;
	for (const field of fields) {
		if (m.get(field) instanceof Y.Text) continue;
		m.set(field, new Y.Text(fieldText(m, field)));
		changed = true;
	}
	if (!(m.get(EDITED_BY) instanceof Y.Map)) {
		m.set(EDITED_BY, new Y.Map());
		changed = true;
	}
	return changed;
}

function stamp(m: Y.Map<unknown>, field: string, actorId: string): void {
	let by = m.get(EDITED_BY);
	if (!(by instanceof Y.Map)) m.set(EDITED_BY, (by = new Y.Map()));
	if (actorId && (by as Y.Map<unknown>).get(field) !== actorId) (by as Y.Map<unknown>).set(field, actorId);
}

/** The field's Y.Text, made from its plain string when the document is older. */
function textOf(m: Y.Map<unknown>, field: string): Y.Text {
	const v = m.get(field);
	if (v instanceof Y.Text) return v;
	const made = new Y.Text(typeof v === 'string' ? v : '');
	m.set(field, made);
	return made;
}

/** Writes the smallest changes that turn `text`'s content into `value`. */
function rewrite(text: Y.Text, value: string): void {
	const before = text.toString();
	// From the end backwards, so each change's offset in the old text still holds.
	for (const c of textChanges(before, value).reverse()) {
		if (c.remove) text.delete(c.at, c.remove);
		if (c.insert) text.insert(c.at, c.insert);
	}
}

/**
 * Sets a field to `value` when it still holds `base` (what the writer saw when they started),
 * changing only what differs; otherwise changes nothing and returns what the field holds now
 * and who wrote it last, for the writer to merge by hand. Call inside a transaction.
 */
export function replaceIfUnchanged(
	m: Y.Map<unknown>,
	field: string,
	base: string,
	value: string,
	actorId: string
): { ok: true } | { ok: false; current: string; by: string } {
	const current = fieldText(m, field);
	if (current !== base) return { ok: false, current, by: fieldEditor(m, field) };
	if (current === value) return { ok: true };
	rewrite(textOf(m, field), value);
	stamp(m, field, actorId);
	return { ok: true };
}

/**
 * A field as it was when someone started editing it: its text and an anchor on each side of
 * every character, which keep pointing at the same characters whatever others write meanwhile.
 * Made for a screen that writes into the document itself (facilitators, editors).
 */
export interface TextAnchors {
	text: Y.Text;
	base: string;
	/** before[i]: just before the character at i (follows it). */
	before: Y.RelativePosition[];
	/** after[i]: just after the character at i − 1 (follows it); after[0] is the start. */
	after: Y.RelativePosition[];
}

/** Anchors on a field's current text; null when the field is not (yet) a Y.Text. */
export function anchorText(m: Y.Map<unknown>, field: string): TextAnchors | null {
	const text = m.get(field);
	if (!(text instanceof Y.Text)) return null;
	const base = text.toString();
	const before: Y.RelativePosition[] = [];
	const after: Y.RelativePosition[] = [];
	for (let i = 0; i <= base.length; i++) {
		before.push(Y.createRelativePositionFromTypeIndex(text, i, 0));
		after.push(Y.createRelativePositionFromTypeIndex(text, i, -1));
	}
	return { text, base, before, after };
}

/**
 * Applies what someone typed (`typed`, edited from `anchors.base`) to the field as it is now,
 * as if each keystroke had been sent live: their insertions land next to the characters they
 * typed them beside, they remove only characters that were there when they started (text that
 * others added meanwhile stays), and what others changed elsewhere stays. Returns `merged` when
 * others had changed the field meanwhile; `stale` when the field's text was replaced whole
 * since (a restored version); `too_long` when the merged text would hold more than `max`
 * characters. The last two write nothing. Call inside a transaction.
 */
export function mergeTyped(
	m: Y.Map<unknown>,
	field: string,
	anchors: TextAnchors,
	typed: string,
	actorId: string,
	max = Infinity
): 'applied' | 'merged' | 'stale' | 'too_long' {
	const text = m.get(field);
	if (text !== anchors.text || !(text instanceof Y.Text) || !text.doc) return 'stale';
	const now = text.toString();
	const others = now !== anchors.base;
	const changes = textChanges(anchors.base, typed);
	if (changes.length === 0) return others ? 'merged' : 'applied';
	const doc = text.doc;
	const position = (rel: Y.RelativePosition) => Y.createAbsolutePositionFromRelativePosition(rel, doc)?.index ?? 0;
	// First the plan: which of the base's characters are still there to remove (one code point
	// at a time), so the merged size is known before anything is written (Yjs cannot roll back).
	const removals: { from: number; width: number }[] = [];
	let size = [...now].length;
	for (const c of changes) {
		for (let i = c.at; i < c.at + c.remove; ) {
			const width = anchors.base.codePointAt(i)! > 0xffff ? 2 : 1;
			if (position(anchors.after[i + width]) - position(anchors.before[i]) === width) {
				removals.push({ from: i, width });
				size--;
			}
			i += width;
		}
		size += [...c.insert].length;
	}
	if (size > max) return 'too_long';
	for (const r of removals) text.delete(position(anchors.before[r.from]), r.width);
	for (const c of changes) if (c.insert) text.insert(position(anchors.after[c.at]), c.insert);
	stamp(m, field, actorId);
	return others ? 'merged' : 'applied';
}
