import { z } from 'zod';
import type { Message } from '$lib/i18n/context';
import { cleanLabel } from '$lib/domain/workshop/categories';

/** Errors of a form, by field name; `form` is the error of the form as a whole. */
export type FieldErrors<F extends string> = Partial<Record<F | 'form', Message>>;

/** A text field of a posted form; files and missing fields read as the empty string. */
const text = (data: FormData, name: string): string => {
	const v = data.get(name);
	return typeof v === 'string' ? v : '';
};

/** A text field in a form schema, read as `text` reads it. */
export const textField = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string());

/** A checkbox: a checked box posts "on", an unchecked one posts nothing. */
export const checkbox = z.preprocess((v) => v === 'on', z.boolean());

/** A one-line label (name, title): whitespace folded, 1 to `max` characters once trimmed. */
export const labelField = (max: number) =>
	textField.transform((raw, ctx) => {
		const label = cleanLabel(raw, max);
		if (label === null) ctx.addIssue({ code: 'custom', message: `1 to ${max} characters` });
		return label ?? z.NEVER;
	});

type FormShape = z.ZodObject<z.ZodRawShape>;
type FieldOf<S extends FormShape> = keyof S['shape'] & string;

/** `values`: the raw text of every field (files read as ''), to show again what was typed. */
export type FormParse<S extends FormShape> = { values: Record<FieldOf<S>, string> } & (
	| { ok: true; data: z.output<S> }
	| { ok: false; errors: FieldErrors<FieldOf<S>> }
);

/**
 * Parses a posted form with its zod schema, as live commands parse their input. A field that
 * fails gets the one message the page shows for it (`messages`; a field without one makes the
 * whole form `error.invalid_input`), and the raw text of every field comes back, so the page
 * can show what was typed next to the errors.
 */
export function parseForm<S extends FormShape>(
	schema: S,
	data: FormData,
	messages: Partial<Record<FieldOf<S>, Message>> = {}
): FormParse<S> {
	const fields = Object.keys(schema.shape) as FieldOf<S>[];
	const values = Object.fromEntries(fields.map((f) => [f, text(data, f)])) as Record<FieldOf<S>, string>;
	const result = schema.safeParse(Object.fromEntries(fields.map((f) => [f, data.get(f)])));
	if (result.success) return { ok: true, data: result.data, values };
	const errors: FieldErrors<FieldOf<S>> = {};
	for (const issue of result.error.issues) {
		const field = issue.path[0] as FieldOf<S> | undefined;
		const message = field === undefined ? undefined : messages[field];
		if (field !== undefined && message) errors[field] ??= message;
		else errors.form ??= { key: 'error.invalid_input' };
	}
	return { ok: false, errors, values };
}
