// Imported, not read from disk, so that Vite and esbuild bundle them into the server.
import flash360 from '../../../../workshops/flash-360.json';
import vivreEnsemble from '../../../../workshops/vivre-ensemble.json';
import consultationExpress from '../../../../workshops/consultation-express.json';
import type { Template } from './schema.ts';
import { validateTemplate } from './validate.ts';

const FILES = {
	'flash-360': flash360,
	'vivre-ensemble': vivreEnsemble,
	'consultation-express': consultationExpress
} as const;
export type BuiltinId = keyof typeof FILES;
export const BUILTIN_IDS = Object.keys(FILES) as BuiltinId[];

export function isBuiltinId(id: string): id is BuiltinId {
	return Object.hasOwn(FILES, id);
}

// Validated once, when the module loads: a broken built-in stops the start instead of
// failing later in front of a facilitator.
const BUILTINS: Record<BuiltinId, Template> = Object.fromEntries(
	BUILTIN_IDS.map((id) => {
		const result = validateTemplate(FILES[id]);
		if (!result.ok) throw new Error(`built-in template ${id} is invalid: ${result.problems.map((p) => p.message).join('; ')}`);
		return [id, result.template];
	})
) as Record<BuiltinId, Template>;

export function builtinTemplate(id: BuiltinId): Template {
	return BUILTINS[id];
}
