import type { PageServerLoad } from './$types';
import { services } from '$server/services';
import { facilitatorOrSignIn } from '$lib/server/templates';
import { visibleTemplates } from '$server/db/repositories/templates';
import { BUILTIN_IDS, builtinTemplate } from '$lib/domain/templates/builtins';
import { sessionMinutes } from '$lib/domain/templates/instantiate';
import type { Template } from '$lib/domain/templates/schema';

const summary = (t: Template) => ({ name: t.name, sessions: t.sessions.length, minutes: sessionMinutes(t) });

/** The built-ins, then the facilitator's own templates and those shared in their organisations. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const f = facilitatorOrSignIn(locals, url);
	const saved = await visibleTemplates(services().db, f.id);
	return {
		builtins: BUILTIN_IDS.map((id) => ({ id, ...summary(builtinTemplate(id)) })),
		saved: saved.map((t) => ({
			id: t.id,
			...summary(t.body),
			mine: t.ownerId === f.id,
			ownerName: t.ownerName,
			organisationName: t.visibility === 'organisation' ? t.organisationName : null
		}))
	};
};
