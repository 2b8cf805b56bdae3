import { defineKind } from './kind.ts';

/** Personas built live: participants fill cards from their phones. */
export const persona = defineKind({
	type: 'persona',
	settings: ['categories'],
	opens: ['persona.write'],
	phone: ['persona']
});
