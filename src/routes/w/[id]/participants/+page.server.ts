import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services, type Services } from '$server/services';
import { workshopOr404 } from '$lib/server/workshop-access';
import { requireRight } from '$lib/server/authorize';
import { text } from '$lib/server/forms';
import { listParticipants } from '$server/db/repositories/participants';
import { demote, promote, removeFromWorkshop } from '$server/people/participant-rights';
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
import { AGE_BANDS, PANEL_TARGET_MAX, parseExpectedPanel, type ExpectedPanel } from '$lib/domain/workshop/panel';
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

/** A target field of the panel form: empty is "no target", anything else a whole number in range. */
function target(data: FormData, name: string): number | null | 'invalid' {
	const raw = text(data, name).trim();
	if (raw === '' || raw === '0') return null;
	const n = Number(raw);
	return Number.isInteger(n) && n > 0 && n <= PANEL_TARGET_MAX ? n : 'invalid';
}

const publicOrigin = (s: Services, url: URL) => s.config.origin ?? url.origin;

export const actions: Actions = {
	join: async ({ params, request }) => {
		const s = services();
		await requireRight(s, params.id, request, 'workshop.manage');
		const open = text(await request.formData(), 'open') === 'true';
		await updateJoinSettings(s.db, params.id, { open });
		return { done: { key: 'people.done.saved' as const } };
	},
	questions: async ({ params, request }) => {
		const s = services();
		await requireRight(s, params.id, request, 'workshop.manage');
		const data = await request.formData();
		await updateJoinSettings(s.db, params.id, { askAgeBand: data.get('askAgeBand') === 'on', askGender: data.get('askGender') === 'on' });
		return { done: { key: 'people.done.saved' as const } };
	},
	panel: async ({ params, request }) => {
		const s = services();
		await requireRight(s, params.id, request, 'workshop.manage');
		const data = await request.formData();
		const raw: ExpectedPanel = { categories: {}, ageBands: {} };
		let invalid = false;
		for (const c of CATEGORIES) {
			const n = target(data, `category.${c}`);
			if (n === 'invalid') invalid = true;
			else if (n !== null) raw.categories[c] = n;
		}
		for (const b of AGE_BANDS) {
			const n = target(data, `ageBand.${b}`);
			if (n === 'invalid') invalid = true;
			else if (n !== null) raw.ageBands![b] = n;
		}
		if (invalid) return fail(400, { panelError: { key: 'panel.targets.invalid' as const, params: { max: PANEL_TARGET_MAX } } });
		raw.genderBalance = data.get('genderBalance') === 'on';
		await updateJoinSettings(s.db, params.id, { expectedPanel: parseExpectedPanel(raw) });
		return { done: { key: 'people.done.saved' as const } };
	},
	role: async ({ params, request }) => {
		const s = services();
		const actor = await requireRight(s, params.id, request, 'participants.manage');
		const data = await request.formData();
		const role = text(data, 'role');
		if (role !== 'editor' && role !== 'participant') return fail(404, { notFound: true });
		const change = role === 'editor' ? promote : demote;
		const p = await change(s, actor, params.id, text(data, 'participantId'));
		if (!p) return fail(404, { notFound: true });
		return { done: { key: role === 'editor' ? ('people.done.promoted' as const) : ('people.done.demoted' as const), params: { name: p.displayName } } };
	},
	remove: async ({ params, request }) => {
		const s = services();
		const actor = await requireRight(s, params.id, request, 'participants.manage');
		const p = await removeFromWorkshop(s, actor, params.id, text(await request.formData(), 'participantId'));
		if (!p) return fail(404, { notFound: true });
		return { done: { key: 'people.done.removed' as const, params: { name: p.displayName } } };
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
		const ok = await revokeInvitation(s.db, params.id, text(await request.formData(), 'invitationId'), new Date());
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
