import type { Translate } from '$lib/i18n';

/**
 * A persona field is written once per change (each save is a document write), not on every
 * keystroke; and while someone types in it, what others write there waits until they leave
 * it. These two rules decide what a field shows and what it saves.
 */

export interface FieldView {
	/** The field has the focus: what the person types is shown, never overwritten. */
	focused: boolean;
	typed: string;
	/** A save on its way: shown until the document brings the field's next value. */
	pending: string | null;
	/** The field's value in the document. */
	value: string;
	/** The person's text that a save refused (someone changed the field meanwhile): kept, never dropped silently. */
	draft?: string | null;
}

export function shownText(view: FieldView): string {
	if (view.focused) return view.typed;
	return view.draft ?? view.pending ?? view.value;
}

/**
 * "Nadia modifie ce champ": who else is typing in a field now, or '' when nobody is. A person
 * with two tabs in the same field counts once; someone without a name is "someone".
 */
export function editingNotice(t: Translate, names: readonly string[]): string {
	const unique = [...new Set(names)];
	if (unique.length === 0) return '';
	if (unique.length === 1) return unique[0] ? t('persona.editing.one', { name: unique[0] }) : t('persona.editing.someone');
	return t('persona.editing.many', { names: unique.map((n) => n || t('persona.editing.anonymous')).join(', ') });
}

/**
 * What to save when the person commits the field (leaves it, or presses Enter): their text,
 * as the document would keep it, or null when they changed nothing (then others' changes
 * made meanwhile are kept and shown).
 */
export function textToSave(base: string, typed: string): string | null {
	const clean = typed.replace(/\r\n?/g, '\n').trim();
	return clean === base.trim() ? null : clean;
}
