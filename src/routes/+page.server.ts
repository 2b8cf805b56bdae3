import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { z } from 'zod';
import { labelField, parseForm, textField } from '$lib/server/forms';
import { createWorkshop, listWorkshopsOf, setWorkshopPlace } from '$server/db/repositories/workshops';
import { readJoinCode } from '$lib/domain/workshop/join-code';
import { WORKSHOP_PLACE_MAX, WORKSHOP_TITLE_MAX, cleanLabel } from '$lib/domain/workshop/categories';
import { visibleTemplates } from '$server/db/repositories/templates';
import { seriesOfWorkshops } from '$server/db/repositories/series';
import { createWorkshopFromTemplate } from '$server/templates/workshops-from-templates';
import { BUILTIN_IDS, builtinTemplate, isBuiltinId } from '$lib/domain/templates/builtins';
import type { Template } from '$lib/domain/templates/schema';
import { afterCreate } from '$lib/server/templates';
import type { Db } from '$server/db/db';
import { randomUUID } from 'node:crypto';
import { ownerSchema } from '$lib/protocol/decision-schemas';
import type { Owner } from '$lib/domain/decisions/decision';
import type { Message } from '$lib/i18n/context';
import { saveOwners } from '$server/db/repositories/decisions';

const joinForm = z.object({ code: textField });
const createForm = z.object({ title: labelField(WORKSHOP_TITLE_MAX), place: textField, template: textField, ownerName: textField, ownerEmail: textField, ownerOrganisation: textField });

/**
 * The project owner named at creation, if any (all three fields empty: none yet, to be named
 * in the decisions phase); a name and an e-mail are then needed, checked as `owners.save` checks them.
 */
function ownerOf(form: { ownerName: string; ownerEmail: string; ownerOrganisation: string }): { owner: Owner | null } | { field: 'ownerName' | 'ownerEmail'; error: Message } {
	const given = { name: form.ownerName, email: form.ownerEmail.trim(), organisation: form.ownerOrganisation };
	if (Object.values(given).every((v) => v.trim() === '')) return { owner: null };
	const parsed = ownerSchema.safeParse(given);
	if (parsed.success) return { owner: { ...parsed.data, id: randomUUID() } };
	const field = parsed.error.issues[0]?.path[0] === 'name' ? 'ownerName' : 'ownerEmail';
	return { field, error: { key: field === 'ownerName' ? 'home.new.owner.nameRequired' : 'home.new.owner.emailInvalid' } };
}

/** The template a facilitator picked, if it is one they may use; undefined for "empty workshop". */
async function pickedTemplate(db: Db, facilitatorId: string, id: string): Promise<Template | null | undefined> {
	if (id === '') return undefined;
	if (isBuiltinId(id)) return builtinTemplate(id);
	return (await visibleTemplates(db, facilitatorId)).find((t) => t.id === id)?.body ?? null;
}

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.facilitator) return { workshops: null, templates: null };
	const db = services().db;
	const workshops = await listWorkshopsOf(db, locals.facilitator.id);
	const saved = await visibleTemplates(db, locals.facilitator.id);
	const series = await seriesOfWorkshops(db, workshops.map((w) => w.id));
	return {
		workshops: workshops.map((w) => ({ id: w.id, title: w.title, joinCode: w.joinCode, series: series.get(w.id) ?? null })),
		templates: {
			builtins: BUILTIN_IDS.map((id) => ({ id, name: builtinTemplate(id).name })),
			saved: saved.map((t) => ({ id: t.id, name: t.body.name }))
		}
	};
};

export const actions: Actions = {
	join: async ({ request }) => {
		const form = parseForm(joinForm, await request.formData());
		// Lower case, spaces, dashes and look-alike letters (O for 0…) are read, not refused.
		const read = form.ok ? readJoinCode(form.data.code) : ({ ok: false, reason: 'length' } as const);
		if (!read.ok) {
			const error: Message =
				read.reason === 'characters' ? { key: 'home.join.characters', params: { characters: read.characters } } : { key: 'home.join.invalid' };
			return fail(400, { join: { code: form.values.code, error } });
		}
		redirect(303, `/j/${read.code}`);
	},

	create: async ({ request, locals }) => {
		if (!locals.facilitator) error(401, { message: 'sign in first', code: 'unauthorized' });
		const form = parseForm(createForm, await request.formData());
		if (!form.ok)
			return fail(400, {
				create: { ...form.values, field: 'title', error: { key: 'home.new.invalid' as const, params: { max: WORKSHOP_TITLE_MAX } } }
			});
		const { title, template: templateId } = form.data;
		// Optional: an empty place is "not said"; one too long is refused like a title.
		const place = form.data.place.trim() === '' ? '' : cleanLabel(form.data.place, WORKSHOP_PLACE_MAX);
		if (place === null) return fail(400, { create: { ...form.values, field: 'place', error: { key: 'home.new.place.invalid' as const, params: { max: WORKSHOP_PLACE_MAX } } } });
		const named = ownerOf(form.data);
		if (!('owner' in named)) return fail(400, { create: { ...form.values, field: named.field, error: named.error } });
		const owners = named.owner ? [named.owner] : [];
		const db = services().db;
		const template = await pickedTemplate(db, locals.facilitator.id, templateId);
		if (template === null)
			return fail(400, { create: { ...form.values, template: '', field: 'template', error: { key: 'home.new.template.invalid' as const } } });
		// No template: the title-only workshop with an empty agenda, as before templates existed.
		if (!template) {
			const workshop = await db.transaction(async (tx) => {
				const created = await createWorkshop(tx, { title, facilitatorId: locals.facilitator!.id, locale: locals.locale });
				if (owners.length > 0) await saveOwners(tx, created.id, owners);
				if (place) await setWorkshopPlace(tx, created.id, place);
				return created;
			});
			redirect(303, `/w/${workshop.id}`);
		}
		const created = await createWorkshopFromTemplate(db, { facilitatorId: locals.facilitator.id, title, locale: locals.locale, template, owners });
		if (place) await setWorkshopPlace(db, created.workshop.id, place);
		redirect(303, afterCreate(created));
	}
};
