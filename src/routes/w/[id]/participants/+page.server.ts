import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services, type Services } from '$server/services';
import { workshopOr404 } from '$lib/server/workshop-access';
import { requireRight } from '$lib/server/authorize';
import { z } from 'zod';
import { checkbox, parseForm, textField } from '$lib/server/forms';
import { listParticipants } from '$server/db/repositories/participants';
import { demote, promote, removeFromWorkshop } from '$server/people/participant-rights';
import { eraseParticipant } from '$server/people/data-rights';
import { disableObserverLink, newObserverLink } from '$server/people/observer-link';
import { getJoinSettings, updateJoinSettings } from '$server/db/repositories/join-settings';
import {
	createInvitation,
	INVITATION_DAYS,
	listFacilitators,
	listPendingInvitations,
	revokeInvitation
} from '$server/db/repositories/invitations';
import { hasObserverLink } from '$server/db/repositories/observers';
import { representativeness } from '$lib/domain/workshop/representativeness';
import { AGE_BANDS, PANEL_TARGET_MAX, parseExpectedPanel } from '$lib/domain/workshop/panel';
import { CATEGORIES } from '$lib/domain/workshop/categories';

/**
 * The facilitator's page for people: join settings, participants (promote, remove), the
 * expected panel against who is here, co-facilitator invitations and the observer link.
 * Every action checks the permission table first (requireRight), whatever the UI showed.
 */
export const load: PageServerLoad = async ({ params, locals, url, request, depends }) => {
	const s = services();
	const workshop = await workshopOr404(s, params.id);
	if (!locals.facilitator) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
	await requireRight(s, workshop.id, request, 'participants.manage');
	depends('concerto:participants');
	const now = new Date();
	const [participants, settings, invitations, facilitators, observerLink] = await Promise.all([
		listParticipants(s.db, workshop.id),
		getJoinSettings(s.db, workshop.id),
		listPendingInvitations(s.db, workshop.id, now),
		listFacilitators(s.db, workshop.id),
		hasObserverLink(s.db, workshop.id)
	]);
	return {
		workshop: { id: workshop.id, title: workshop.title, createdBy: workshop.createdBy },
		participants: participants.map((p) => ({ id: p.id, displayName: p.displayName, category: p.category, role: p.role })),
		settings,
		representativeness: representativeness(participants, settings.expectedPanel),
		invitations: invitations.map((i) => ({ id: i.id, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() })),
		invitationDays: INVITATION_DAYS,
		facilitators,
		observerLink
	};
};

/** A target field of the panel form: empty (or 0) is "no target", anything else a whole number in range. */
const target = textField
	.transform((v) => v.trim())
	.pipe(z.union([z.enum(['', '0']).transform(() => null), z.string().transform(Number).pipe(z.number().int().min(1).max(PANEL_TARGET_MAX))]));

const joinForm = z.object({ open: textField.transform((v) => v === 'true') });
const questionsForm = z.object({ askAgeBand: checkbox, askGender: checkbox });
const panelForm = z.object({
	...Object.fromEntries(CATEGORIES.map((c) => [`category.${c}`, target])),
	...Object.fromEntries(AGE_BANDS.map((b) => [`ageBand.${b}`, target])),
	genderBalance: checkbox
} as Record<`category.${(typeof CATEGORIES)[number]}` | `ageBand.${(typeof AGE_BANDS)[number]}`, typeof target> & { genderBalance: typeof checkbox });
const participantForm = z.object({ participantId: textField });
const roleForm = participantForm.extend({ role: z.enum(['editor', 'participant']) });
const invitationForm = z.object({ invitationId: textField });

const publicOrigin = (s: Services, url: URL) => s.config.origin ?? url.origin;

export const actions: Actions = {
	join: async ({ params, request }) => {
		const s = services();
		await requireRight(s, params.id, request, 'workshop.manage');
		const form = parseForm(joinForm, await request.formData());
		if (!form.ok) return fail(400, {});
		await updateJoinSettings(s.db, params.id, form.data);
		return { done: { key: 'people.done.saved' as const } };
	},
	questions: async ({ params, request }) => {
		const s = services();
		await requireRight(s, params.id, request, 'workshop.manage');
		const form = parseForm(questionsForm, await request.formData());
		if (!form.ok) return fail(400, {});
		await updateJoinSettings(s.db, params.id, form.data);
		return { done: { key: 'people.done.saved' as const } };
	},
	panel: async ({ params, request }) => {
		const s = services();
		await requireRight(s, params.id, request, 'workshop.manage');
		const form = parseForm(panelForm, await request.formData());
		if (!form.ok) return fail(400, { panelError: { key: 'panel.targets.invalid' as const, params: { max: PANEL_TARGET_MAX } } });
		const t = form.data;
		// Targets left empty are null, which parseExpectedPanel drops: no target for that group.
		const expectedPanel = parseExpectedPanel({
			categories: Object.fromEntries(CATEGORIES.map((c) => [c, t[`category.${c}`]])),
			ageBands: Object.fromEntries(AGE_BANDS.map((b) => [b, t[`ageBand.${b}`]])),
			genderBalance: t.genderBalance
		});
		await updateJoinSettings(s.db, params.id, { expectedPanel });
		return { done: { key: 'people.done.saved' as const } };
	},
	role: async ({ params, request }) => {
		const s = services();
		const actor = await requireRight(s, params.id, request, 'participants.manage');
		const form = parseForm(roleForm, await request.formData());
		if (!form.ok) return fail(404, { notFound: true });
		const { role, participantId } = form.data;
		const change = role === 'editor' ? promote : demote;
		const p = await change(s, actor, params.id, participantId);
		if (!p) return fail(404, { notFound: true });
		return { done: { key: role === 'editor' ? ('people.done.promoted' as const) : ('people.done.demoted' as const), params: { name: p.displayName } } };
	},
	remove: async ({ params, request }) => {
		const s = services();
		const actor = await requireRight(s, params.id, request, 'participants.manage');
		const form = parseForm(participantForm, await request.formData());
		const p = form.ok ? await removeFromWorkshop(s, actor, params.id, form.data.participantId) : null;
		if (!p) return fail(404, { notFound: true });
		return { done: { key: 'people.done.removed' as const, params: { name: p.displayName } } };
	},
	/** Erases one participant's personal data at once (they asked the facilitator): their collège and notes stay. */
	erase: async ({ params, request }) => {
		const s = services();
		await requireRight(s, params.id, request, 'participants.manage');
		const form = parseForm(participantForm, await request.formData());
		const p = form.ok ? await eraseParticipant(s, params.id, form.data.participantId) : null;
		if (!p) return fail(404, { notFound: true });
		return { done: { key: 'rights.erase.done' as const, params: { name: p.displayName } } };
	},
	invite: async ({ params, request, url }) => {
		const s = services();
		const actor = await requireRight(s, params.id, request, 'roles.manage');
		const { token } = await createInvitation(s.db, { workshopId: params.id, createdBy: actor.id, now: new Date() });
		// Shown once: only the token's hash is stored.
		return { inviteUrl: `${publicOrigin(s, url)}/invite/${token}` };
	},
	revokeInvite: async ({ params, request }) => {
		const s = services();
		await requireRight(s, params.id, request, 'roles.manage');
		const form = parseForm(invitationForm, await request.formData());
		const ok = form.ok && (await revokeInvitation(s.db, params.id, form.data.invitationId, new Date()));
		return ok ? { done: { key: 'people.done.saved' as const } } : fail(404, { notFound: true });
	},
	observer: async ({ params, request, url }) => {
		const s = services();
		const actor = await requireRight(s, params.id, request, 'roles.manage');
		const token = await newObserverLink(s, actor, params.id);
		return { observerUrl: `${publicOrigin(s, url)}/o/${token}` };
	},
	revokeObserver: async ({ params, request }) => {
		const s = services();
		const actor = await requireRight(s, params.id, request, 'roles.manage');
		await disableObserverLink(s, actor, params.id);
		return { done: { key: 'people.done.saved' as const } };
	}
};
