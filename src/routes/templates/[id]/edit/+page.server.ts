import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { z } from 'zod';
import { parseForm, textField, type FieldErrors } from '$lib/server/forms';
import { facilitatorOrSignIn, problemMessage, templateFor, viewerOf } from '$lib/server/templates';
import { updateTemplateBody } from '$server/db/repositories/templates';
import { validateTemplate, type TemplateProblem } from '$lib/domain/templates/validate';

type Field = 'nameFr' | 'nameEn' | 'descriptionFr' | 'descriptionEn' | 'sessions';
type Values = Record<Field, string>;

// The sessions are edited as JSON text; the template schema judges them once parsed.
const editForm = z.object({
	nameFr: textField,
	nameEn: textField,
	descriptionFr: textField,
	descriptionEn: textField,
	sessions: textField.transform((raw, ctx) => {
		try {
			return JSON.parse(raw) as unknown;
		} catch {
			ctx.addIssue({ code: 'custom', message: 'not JSON' });
			return z.NEVER;
		}
	})
});

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
function fieldOf(p: TemplateProblem): Field {
	if (p.path.startsWith('name.')) return p.path.endsWith('en') ? 'nameEn' : 'nameFr';
	if (p.path.startsWith('description.')) return p.path.endsWith('en') ? 'descriptionEn' : 'descriptionFr';
	return 'sessions';
}

export const actions: Actions = {
	/** The edited file goes through the same schema as an import; nothing is saved unless all of it is valid. */
	default: async ({ params, request, locals, url }) => {
		const s = services();
		const view = await templateFor(s, params.id, await viewerOf(s, facilitatorOrSignIn(locals, url)), 'edit');
		const form = parseForm(editForm, await request.formData(), { sessions: { key: 'templates.problem.json' } });
		const values: Values = form.values;
		if (!form.ok) return fail(400, { values, errors: form.errors as FieldErrors<Field>, problems: [] as ReturnType<typeof problemMessage>[] });
		const { nameFr, nameEn, descriptionFr, descriptionEn, sessions } = form.data;
		const result = validateTemplate({
			...view.body,
			name: { fr: nameFr, en: nameEn },
			description: { fr: descriptionFr, en: descriptionEn },
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
