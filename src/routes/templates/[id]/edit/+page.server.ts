import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { text, type FieldErrors } from '$lib/server/forms';
import { facilitatorOrSignIn, problemMessage, templateFor, viewerOf } from '$lib/server/templates';
import { updateTemplateBody } from '$server/db/repositories/templates';
import { validateTemplate, type TemplateProblem } from '$lib/domain/templates/validate';

const FIELDS = ['nameFr', 'nameEn', 'descriptionFr', 'descriptionEn', 'sessions'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const s = services();
	const view = await templateFor(s, params.id, await viewerOf(s, facilitatorOrSignIn(locals, url)), 'edit');
	const b = view.body;
	const values: Values = {
		nameFr: b.name.fr,
		nameEn: b.name.en,
		descriptionFr: b.description.fr,
		descriptionEn: b.description.en,
		sessions: JSON.stringify(b.sessions, null, 2)
	};
	return { id: view.id, values };
};

/** Which form field a schema problem belongs to, so the error summary links to it. */
function fieldOf(p: TemplateProblem): (typeof FIELDS)[number] {
	if (p.path.startsWith('name.')) return p.path.endsWith('en') ? 'nameEn' : 'nameFr';
	if (p.path.startsWith('description.')) return p.path.endsWith('en') ? 'descriptionEn' : 'descriptionFr';
	return 'sessions';
}

export const actions: Actions = {
	/** The edited file goes through the same schema as an import; nothing is saved unless all of it is valid. */
	default: async ({ params, request, locals, url }) => {
		const s = services();
		const view = await templateFor(s, params.id, await viewerOf(s, facilitatorOrSignIn(locals, url)), 'edit');
		const data = await request.formData();
		const values = Object.fromEntries(FIELDS.map((f) => [f, text(data, f)])) as Values;
		let sessions: unknown;
		try {
			sessions = JSON.parse(values.sessions);
		} catch {
			const errors: FieldErrors<Field> = { sessions: { key: 'templates.problem.json' } };
			return fail(400, { values, errors, problems: [] as ReturnType<typeof problemMessage>[] });
		}
		const result = validateTemplate({
			...view.body,
			name: { fr: values.nameFr, en: values.nameEn },
			description: { fr: values.descriptionFr, en: values.descriptionEn },
			sessions
		});
		if (!result.ok) {
			const errors: FieldErrors<Field> = {};
			for (const p of result.problems) errors[fieldOf(p)] ??= problemMessage(p);
			return fail(400, { values, errors, problems: result.problems.map(problemMessage) });
		}
		await updateTemplateBody(s.db, view.id, result.template);
		redirect(303, `/templates/${view.id}`);
	}
};
