import type { z } from 'zod';
import { kindOf } from './registry.ts';
import type { SettingKey } from './settings.ts';

/** Settings given to a phase that its kind does not take (a vote's dots on an ideation phase). */
export function foreignSettings(type: string, settings: object): SettingKey[] {
	const accepted: readonly string[] = kindOf(type).settings;
	return Object.entries(settings)
		.filter(([key, value]) => value !== undefined && !accepted.includes(key))
		.map(([key]) => key as SettingKey);
}

/** Schema check shared by agendas and templates: one issue per setting the kind does not take. */
export function refineKindSettings(phase: { type: string; settings: object }, ctx: z.RefinementCtx): void {
	for (const key of foreignSettings(phase.type, phase.settings))
		ctx.addIssue({
			code: 'custom',
			message: `"${key}" does not apply to phases of type ${phase.type}`,
			path: ['settings', key],
			params: { problem: 'settingForKind', value: key }
		});
}
