import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services, type Services } from '$server/services';
import { z } from 'zod';
import { parseForm, textField } from '$lib/server/forms';
import { facilitatorOrSignIn } from '$lib/server/templates';
import { canSeeSeries, findSeries } from '$server/db/repositories/series';
import { facilitatedAmong } from '$server/db/repositories/workshops';
import { createSeriesSession, SessionTaken } from '$server/templates/workshops-from-templates';
import { sessionStates, sessionStatesFor, sourcesNotFacilitated } from '$lib/domain/templates/series';

const createForm = z.object({ session: textField });

/** A series is seen by whoever began it and the facilitators of its workshops. */
async function seriesFor(s: Services, id: string, facilitatorId: string) {
	const series = /^[a-z2-7]{16}$/.test(id) ? await findSeries(s.db, id) : null;
	if (!series || !(await canSeeSeries(s.db, series.id, facilitatorId))) error(404, { message: 'unknown series', code: 'not_found' });
	return series;
}

/** The series' workshops this facilitator facilitates: series rights follow the sessions' rights. */
function facilitated(s: Services, series: { workshops: { workshopId: string }[] }, facilitatorId: string) {
	return facilitatedAmong(
		s.db,
		facilitatorId,
		series.workshops.map((w) => w.workshopId)
	);
}

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const f = facilitatorOrSignIn(locals, url);
	const series = await seriesFor(s, params.id, f.id);
	const titles = new Map(series.workshops.map((w) => [w.workshopId, w.title]));
	const mine = await facilitated(s, series, f.id);
	return {
		series: { id: series.id, title: series.title, locale: series.locale, name: series.template.name },
		// A session run by others shows only that it exists: neither its id nor its title.
		sessions: sessionStatesFor(series.template, series.workshops, mine).map((st) => ({
			key: st.session.key,
			title: st.session.title,
			audience: st.session.audience ?? null,
			gapBefore: st.session.gapBefore ?? null,
			importsFrom: (st.session.importsFrom ?? []).map((k) => series.template.sessions.find((x) => x.key === k)!.title),
			minutes: st.session.phases.reduce((sum, p) => sum + p.minutes, 0),
			workshop: st.workshopId && st.mine ? { id: st.workshopId, title: titles.get(st.workshopId) ?? '' } : null,
			byOthers: st.workshopId !== null && !st.mine,
			canCreate: st.canCreate,
			forbidden: st.forbidden
		}))
	};
};

export const actions: Actions = {
	/** Makes the next session's workshop; it starts with the notes of the sessions it imports from. */
	create: async ({ params, request, locals, url }) => {
		const s = services();
		const f = facilitatorOrSignIn(locals, url);
		const series = await seriesFor(s, params.id, f.id);
		const form = parseForm(createForm, await request.formData());
		const key = form.ok ? form.data.session : '';
		const state = sessionStates(series.template, series.workshops).find((st) => st.session.key === key);
		if (!state?.canCreate) return fail(409, { error: { key: 'series.notNow' as const } });
		// A session starts with the notes of the sessions it imports from: only someone who
		// facilitates each of those may make it, or an invitation to one session would open the others.
		if (sourcesNotFacilitated(series.template, series.workshops, key, await facilitated(s, series, f.id)).length > 0)
			return fail(403, { error: { key: 'series.importForbidden' as const } });
		try {
			const workshop = await createSeriesSession(s.db, { series, sessionKey: key, facilitatorId: f.id, now: Date.now() });
			redirect(303, `/w/${workshop.id}`);
		} catch (e) {
			if (e instanceof SessionTaken) return fail(409, { error: { key: 'series.notNow' as const } });
			throw e;
		}
	}
};
