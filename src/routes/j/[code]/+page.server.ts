import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { z } from 'zod';
import { parseForm, textField, type FieldErrors } from '$lib/server/forms';
import { currentParticipant, joinWorkshop } from '$lib/server/participants';
import { findWorkshopByJoinCode, type Workshop } from '$server/db/repositories/workshops';
import { getJoinSettings } from '$server/db/repositories/join-settings';
import { workshopRetentionMonths } from '$server/db/repositories/participants';
import { isJoinCode, normalizeJoinCode } from '$lib/domain/workshop/join-code';
import { CATEGORIES, cleanLabel, DISPLAY_NAME_MAX } from '$lib/domain/workshop/categories';
import { AGE_BANDS, GENDERS, type JoinSettings } from '$lib/domain/workshop/panel';
import { translator } from '$lib/i18n';
import { showsRestitution } from '$lib/domain/decisions/closing';
import { restitution } from '$server/owners/restitution';
import { readPublishedAffiche } from '$server/db/repositories/affiches';

async function workshopByCode(raw: string): Promise<Workshop> {
	const code = normalizeJoinCode(raw);
	if (code !== raw) redirect(308, `/j/${code}`);
	const workshop = isJoinCode(code) ? await findWorkshopByJoinCode(services().db, code) : null;
	// An archive (a report brought back) has a code nobody was given: nobody joins it.
	if (!workshop || workshop.status === 'archived') error(404, { message: 'no workshop has this join code', code: 'join_code_unknown' });
	return workshop;
}

/** An ended (or closed) workshop's code leads to its public restitution page. */
const hasEnded = (w: Workshop) => showsRestitution(w.status);

/**
 * The join page a QR code or a typed code leads to. A returning participant goes straight in
 * while the workshop runs; once it has ended everyone gets the restitution page, never the form.
 */
export const load: PageServerLoad = async ({ params, cookies }) => {
	const s = services();
	const workshop = await workshopByCode(params.code);
	const me = await currentParticipant(s, cookies, workshop.id);
	if (hasEnded(workshop))
		return {
			workshop: { title: workshop.title },
			state: 'ended' as const,
			tookPart: me !== null,
			restitution: await restitution(s.db, workshop.id),
			// The affiche the room validated, once published (a draft is never shown here).
			affiche: await readPublishedAffiche(s.db, workshop.id),
			workshopId: workshop.id
		};
	if (me) redirect(303, `/p/${workshop.id}`);
	const settings = await getJoinSettings(s.db, workshop.id);
	return {
		workshop: { title: workshop.title },
		state: settings.open ? ('open' as const) : ('closed' as const),
		tookPart: false,
		askAgeBand: settings.askAgeBand,
		askGender: settings.askGender,
		retentionMonths: await workshopRetentionMonths(s.db, workshop.id, s.config.participantRetentionMonths)
	};
};

type JoinField = 'displayName' | 'category' | 'ageBand' | 'gender';

/** A question the facilitator may ask: not asked → never stored, whatever the request carries; asked but left empty → skipped. */
const optionalChoice = <T extends readonly [string, ...string[]]>(asked: boolean, choices: T) =>
	asked ? textField.pipe(z.union([z.literal('').transform(() => null), z.enum(choices)])) : z.unknown().transform(() => null);

/** The join form, with the questions this workshop asks. */
const joinForm = (settings: JoinSettings) =>
	z.object({
		// An empty name is a choice (anonymity, read as null), not an error.
		displayName: textField.transform((raw, ctx) => {
			if (raw.trim() === '') return null;
			const name = cleanLabel(raw, DISPLAY_NAME_MAX);
			if (name === null) ctx.addIssue({ code: 'custom', message: `at most ${DISPLAY_NAME_MAX} characters` });
			return name ?? z.NEVER;
		}),
		category: textField.pipe(z.enum(CATEGORIES)),
		ageBand: optionalChoice(settings.askAgeBand, AGE_BANDS),
		gender: optionalChoice(settings.askGender, GENDERS)
	});

const joinMessages = {
	displayName: { key: 'join.error.displayName', params: { max: DISPLAY_NAME_MAX } },
	category: { key: 'join.error.category' },
	ageBand: { key: 'join.error.choice' },
	gender: { key: 'join.error.choice' }
} satisfies FieldErrors<JoinField>;

export const actions: Actions = {
	default: async ({ params, request, cookies, locals, getClientAddress }) => {
		const s = services();
		const workshop = await workshopByCode(params.code);
		if (await currentParticipant(s, cookies, workshop.id)) redirect(303, `/p/${workshop.id}`);
		const settings = await getJoinSettings(s.db, workshop.id);
		// Checked on the server: a form kept open before the facilitator closed the join is refused.
		if (hasEnded(workshop) || !settings.open) return fail(403, { values: {}, errors: { form: { key: 'join.closed.text' } } as FieldErrors<JoinField> });
		const form = parseForm(joinForm(settings), await request.formData(), joinMessages);
		if (!form.ok) {
			const { values } = form;
			// Questions not asked are not shown, so nothing of them is sent back either.
			const shown = { ...values, ageBand: settings.askAgeBand ? values.ageBand : '', gender: settings.askGender ? values.gender : '' };
			return fail(400, { values: shown, errors: form.errors });
		}
		// Joins from one address are paced (a room behind one Wi-Fi still gets in within minutes):
		// a script cannot fill a workshop with hundreds of fake participants in seconds.
		const wait = await s.limits.joins.check(getClientAddress());
		if (wait) return fail(429, { values: form.values, errors: { form: { key: 'join.error.rateLimited', params: { seconds: Math.ceil(wait / 1000) } } } as FieldErrors<JoinField> });
		const { displayName, category, ageBand, gender } = form.data;
		const anonymous = displayName === null;
		await joinWorkshop(s, cookies, {
			workshopId: workshop.id,
			displayName: displayName ?? translator(locals.locale)('join.anonymous'),
			category,
			ageBand,
			gender,
			anonymous
		});
		redirect(303, `/p/${workshop.id}`);
	}
};
