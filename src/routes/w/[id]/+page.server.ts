import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { services } from '$server/services';
import { facilitatedWorkshop } from '$lib/server/workshop-access';
import { requireRight } from '$lib/server/authorize';
import { parseForm, textField } from '$lib/server/forms';
import { closeWorkshop, reissueOwnerLink } from '$server/owners/closing';
import { closingStatus } from '$server/owners/closing-status';
import { dayIn } from '$lib/domain/decisions/closing';
import { findSeries, seriesOfWorkshop } from '$server/db/repositories/series';
import type { TemplateLocale } from '$lib/domain/templates/schema';

/** The facilitator's board: only for facilitators of this workshop. */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const { workshop, facilitatorId, joinUrl } = await facilitatedWorkshop(s, params.id, locals.facilitator?.id, url);
	// An archive has no board: its report is what there is to read.
	if (workshop.status === 'archived') redirect(303, `/w/${workshop.id}/report`);
	// A later session of a series names the sessions it takes its notes from (and can re-import them).
	const place = await seriesOfWorkshop(s.db, workshop.id);
	const series = place ? await findSeries(s.db, place.seriesId) : null;
	const session = series?.template.sessions.find((x) => x.key === place?.sessionKey);
	const locale = (series?.locale ?? 'fr') as TemplateLocale;
	const carryFrom = (session?.importsFrom ?? []).flatMap((k) => series?.template.sessions.find((x) => x.key === k)?.title[locale] ?? []);
	return {
		workshop: { id: workshop.id, title: workshop.title, joinCode: workshop.joinCode },
		joinUrl,
		facilitatorId,
		closing: await closingStatus(s.db, workshop.id, dayIn(new Date()), s.mailer != null),
		carryFrom
	};
};

const ownerForm = z.object({ ownerId: textField });

/*
 * Closing the workshop and the owners' links (issue 11, item 3). Each action checks the
 * permission table first: a participant's, an observer's or another workshop's facilitator's
 * post is refused (403) and changes nothing. A link is returned once, to be shown once.
 */
export const actions: Actions = {
	close: async ({ params, request, url }) => {
		const s = services();
		const actor = await requireRight(s, params.id, request, 'workshop.manage');
		const outcome = await closeWorkshop(s, actor, params.id, s.config.origin ?? url.origin);
		if (!outcome.closed) return fail(409, { closeRefused: { problems: outcome.problems, noOwner: outcome.noOwner } });
		return { closed: { already: outcome.already, links: outcome.links } };
	},
	ownerLink: async ({ params, request, url }) => {
		const s = services();
		const actor = await requireRight(s, params.id, request, 'workshop.manage');
		const form = parseForm(ownerForm, await request.formData());
		const link = form.ok ? await reissueOwnerLink(s, actor, params.id, form.data.ownerId, s.config.origin ?? url.origin) : null;
		if (!link) return fail(404, { ownerLinkRefused: true });
		return { closed: { already: true, links: [link] } };
	}
};
