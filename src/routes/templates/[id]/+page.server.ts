import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { z } from 'zod';
import { labelField, parseForm } from '$lib/server/forms';
import { afterCreate, facilitatorOrSignIn, sharingField, templateFor, viewerOf } from '$lib/server/templates';
import { createTemplate, deleteTemplate, updateTemplateSharing } from '$server/db/repositories/templates';
import { createWorkshopFromTemplate } from '$server/templates/workshops-from-templates';
import { sessionMinutes } from '$lib/domain/templates/instantiate';
import { TEMPLATE_NAME_MAX } from '$lib/domain/templates/schema';
import { translator, type Locale } from '$lib/i18n';
import { WORKSHOP_TITLE_MAX } from '$lib/domain/workshop/categories';
import type { Viewer } from '$lib/domain/templates/access';

const createForm = z.object({ title: labelField(WORKSHOP_TITLE_MAX) });
const shareForm = (viewer: Viewer) => z.object({ sharing: sharingField(viewer) });

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const viewer = await viewerOf(s, facilitatorOrSignIn(locals, url));
	const view = await templateFor(s, params.id, viewer, 'read');
	return {
		template: {
			id: view.id,
			builtin: view.builtin,
			body: view.body,
			minutes: sessionMinutes(view.body),
			ownerName: view.stored?.ownerName ?? null,
			sharing: view.stored?.visibility === 'organisation' ? `organisation:${view.stored.organisationId}` : 'private',
			organisationName: view.stored?.visibility === 'organisation' ? view.stored.organisationName : null
		},
		actions: view.actions,
		organisations: viewer.organisations.map((o) => ({ id: o.id, name: o.name }))
	};
};

export const actions: Actions = {
	/** A new workshop (or the first of a series) from this template, in the UI's language. */
	create: async ({ params, request, locals, url }) => {
		const s = services();
		const f = facilitatorOrSignIn(locals, url);
		const view = await templateFor(s, params.id, await viewerOf(s, f), 'read');
		const form = parseForm(createForm, await request.formData());
		if (!form.ok) return fail(400, { create: { title: form.values.title, error: { key: 'home.new.invalid' as const, params: { max: WORKSHOP_TITLE_MAX } } } });
		const created = await createWorkshopFromTemplate(s.db, { facilitatorId: f.id, title: form.data.title, locale: locals.locale, template: view.body });
		redirect(303, afterCreate(created));
	},

	/** A private copy the facilitator owns (built-ins and colleagues' templates included). */
	duplicate: async ({ params, locals, url }) => {
		const s = services();
		const f = facilitatorOrSignIn(locals, url);
		const view = await templateFor(s, params.id, await viewerOf(s, f), 'read');
		// The copy's name says it is one, in each of the template's languages.
		const copy = (lang: Locale) => translator(lang)('templates.copyOf', { name: view.body.name[lang] }).slice(0, TEMPLATE_NAME_MAX);
		const body = { ...view.body, name: { fr: copy('fr'), en: copy('en') } };
		const id = await createTemplate(s.db, { ownerId: f.id, organisationId: null, visibility: 'private', body });
		redirect(303, `/templates/${id}`);
	},

	share: async ({ params, request, locals, url }) => {
		const s = services();
		const viewer = await viewerOf(s, facilitatorOrSignIn(locals, url));
		await templateFor(s, params.id, viewer, 'share');
		const form = parseForm(shareForm(viewer), await request.formData());
		if (!form.ok) return fail(400, { share: { error: { key: 'templates.sharing.invalid' as const } } });
		await updateTemplateSharing(s.db, params.id, form.data.sharing);
		return { share: { saved: true } };
	},

	delete: async ({ params, locals, url }) => {
		const s = services();
		await templateFor(s, params.id, await viewerOf(s, facilitatorOrSignIn(locals, url)), 'delete');
		await deleteTemplate(s.db, params.id);
		redirect(303, '/templates');
	}
};
