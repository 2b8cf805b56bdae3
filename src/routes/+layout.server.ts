import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	facilitator: locals.facilitator ? { displayName: locals.facilitator.displayName } : null
});
