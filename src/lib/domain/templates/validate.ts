import type { z } from 'zod';
import { TEMPLATE_FILE_BYTES_MAX, TEMPLATE_FORMAT, TEMPLATE_VERSION, templateSchema, type Template } from './schema.ts';

/**
 * What can be wrong in a template file. The UI shows each problem through the i18n key
 * `templates.problem.<code>`, so the codes and their params are part of the interface.
 */
export const PROBLEM_CODES = [
	'json',
	'fileTooLarge',
	'notTemplate',
	'newerVersion',
	'required',
	'type',
	'notInteger',
	'empty',
	'tooLong',
	'tooFew',
	'tooMany',
	'tooSmall',
	'tooBig',
	'oneOf',
	'unknownKeys',
	'pattern',
	'duplicate',
	'importsFrom',
	'firstGap',
	'gapOrder',
	'maxDotsOverBudget',
	'poles',
	'settingForKind',
	'invalid'
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One problem: the field where it is (e.g. `sessions[0].phases[2].minutes`) and what is wrong. */
export interface TemplateProblem {
	path: string;
	code: ProblemCode;
	params: Record<string, string | number>;
	/** The same in English, for logs and tests. */
	message: string;
}

export type TemplateResult = { ok: true; template: Template } | { ok: false; problems: TemplateProblem[] };

/** More than this many problems is a wrong file, not a few typos: the rest would only be noise. */
const PROBLEMS_SHOWN = 20;

/** Validates an already-parsed value (a built-in, a stored body, a posted form). */
export function validateTemplate(input: unknown): TemplateResult {
	const early = headerProblem(input);
	if (early) return { ok: false, problems: [early] };
	const parsed = templateSchema.safeParse(input);
	if (parsed.success) return { ok: true, template: parsed.data };
	return { ok: false, problems: parsed.error.issues.slice(0, PROBLEMS_SHOWN).map((i) => toProblem(i, input)) };
}

/** Problems of any value against a schema that shares the templates' problem codes (a workshop's phase). */
export function schemaProblems(schema: z.ZodType, input: unknown): TemplateProblem[] {
	const parsed = schema.safeParse(input);
	return parsed.success ? [] : parsed.error.issues.slice(0, PROBLEMS_SHOWN).map((i) => toProblem(i, input));
}

/** Validates the text of an imported file. */
export function parseTemplateFile(text: string): TemplateResult {
	if (new TextEncoder().encode(text).length > TEMPLATE_FILE_BYTES_MAX)
		return fail('', 'fileTooLarge', { max: Math.round(TEMPLATE_FILE_BYTES_MAX / 1024) }, `the file is larger than ${TEMPLATE_FILE_BYTES_MAX / 1024} KB`);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (e) {
		return fail('', 'json', { detail: (e as Error).message }, `not a JSON file: ${(e as Error).message}`);
	}
	return validateTemplate(value);
}

/** The text of an exported file: stable key order, readable diff between two versions. */
export function templateFileText(template: Template): string {
	return JSON.stringify(template, null, '\t') + '\n';
}

function fail(path: string, code: ProblemCode, params: TemplateProblem['params'], message: string): TemplateResult {
	return { ok: false, problems: [{ path, code, params, message: path ? `${path}: ${message}` : message }] };
}

// A file of another kind (or from a newer Concerto) would otherwise produce dozens of
// unrelated errors; one clear sentence helps more.
function headerProblem(input: unknown): TemplateProblem | null {
	if (typeof input !== 'object' || input === null || Array.isArray(input))
		return problem('', 'notTemplate', {}, `not a Concerto template (expected an object with "format": "${TEMPLATE_FORMAT}")`);
	const header = input as Record<string, unknown>;
	if (header.format !== TEMPLATE_FORMAT)
		return problem('format', 'notTemplate', {}, `not a Concerto template (expected "format": "${TEMPLATE_FORMAT}")`);
	if (typeof header.version === 'number' && header.version > TEMPLATE_VERSION)
		return problem('version', 'newerVersion', { version: header.version, max: TEMPLATE_VERSION }, `version ${header.version} is newer than this Concerto reads (${TEMPLATE_VERSION})`);
	return null;
}

function problem(path: string, code: ProblemCode, params: TemplateProblem['params'], message: string): TemplateProblem {
	return { path, code, params, message: path ? `${path}: ${message}` : message };
}

/** `['sessions', 0, 'phases', 2, 'minutes']` → `sessions[0].phases[2].minutes`. */
export function pathText(path: readonly PropertyKey[]): string {
	return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
	let v = input;
	for (const k of path) {
		if (typeof v !== 'object' || v === null) return undefined;
		v = (v as Record<PropertyKey, unknown>)[k];
	}
	return v;
}

function toProblem(issue: z.core.$ZodIssue, input: unknown): TemplateProblem {
	const path = pathText(issue.path);
	const p = (code: ProblemCode, params: TemplateProblem['params'], message: string) => problem(path, code, params, message);
	switch (issue.code) {
		case 'invalid_type':
			if (valueAt(input, issue.path) === undefined) return p('required', {}, 'is required');
			if (issue.expected === 'int') return p('notInteger', {}, 'must be a whole number');
			return p('type', { expected: issue.expected }, `must be a ${issue.expected}`);
		case 'too_small': {
			const min = Number(issue.minimum);
			if (issue.origin === 'string') return p('empty', {}, 'must not be empty');
			if (issue.origin === 'array') return p('tooFew', { min }, `needs at least ${min} item(s)`);
			return p('tooSmall', { min }, `must be at least ${min}`);
		}
		case 'too_big': {
			const max = Number(issue.maximum);
			if (issue.origin === 'string') return p('tooLong', { max }, `must be at most ${max} characters`);
			if (issue.origin === 'array') return p('tooMany', { max }, `must have at most ${max} items`);
			return p('tooBig', { max }, `must be at most ${max}`);
		}
		case 'invalid_value': {
			const values = issue.values.map(String).join(', ');
			return p('oneOf', { values }, `must be one of: ${values}`);
		}
		case 'unrecognized_keys': {
			const keys = issue.keys.join(', ');
			return p('unknownKeys', { keys }, `unknown field(s): ${keys}`);
		}
		case 'invalid_format':
			return p('pattern', {}, issue.message);
		case 'custom': {
			const params = (issue.params ?? {}) as { problem?: ProblemCode; value?: string };
			const code = params.problem && (PROBLEM_CODES as readonly string[]).includes(params.problem) ? params.problem : 'invalid';
			return p(code, params.value === undefined ? {} : { value: params.value }, issue.message);
		}
		default:
			return p('invalid', {}, issue.message);
	}
}
