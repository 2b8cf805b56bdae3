import type { Message } from '$lib/i18n/context';

/** Errors of a form, by field name; `form` is the error of the form as a whole. */
export type FieldErrors<F extends string> = Partial<Record<F | 'form', Message>>;

/** A text field of a posted form; files and missing fields read as the empty string. */
export function text(data: FormData, name: string): string {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
}

export function hasErrors(errors: Record<string, unknown>): boolean {
	return Object.keys(errors).length > 0;
}
