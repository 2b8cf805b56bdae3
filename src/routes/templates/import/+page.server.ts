import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { z } from 'zod';
import { parseForm, type FieldErrors } from '$lib/server/forms';
import { facilitatorOrSignIn, problemMessage, sharingField, viewerOf } from '$lib/server/templates';
import type { Viewer } from '$lib/domain/templates/access';
import { createTemplate } from '$server/db/repositories/templates';
import { parseTemplateFile } from '$lib/domain/templates/validate';
import { TEMPLATE_FILE_BYTES_MAX } from '$lib/domain/templates/schema';

type Field = 'file' | 'sharing';

const importForm = (viewer: Viewer) =>
	z.object({
		file: z.custom<File>((v) => v instanceof File && v.size > 0),
		sharing: sharingField(viewer)
	});

const importMessages = {
	file: { key: 'templates.import.missing' },
	sharing: { key: 'templates.sharing.invalid' }
} satisfies FieldErrors<Field>;

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = await viewerOf(services(), facilitatorOrSignIn(locals, url));
	return { organisations: viewer.organisations.map((o) => ({ id: o.id, name: o.name })) };
};

export const actions: Actions = {
	/** Validates the uploaded file with the one template schema, then saves it for this facilitator. */
	default: async ({ request, locals, url }) => {
		const s = services();
		const viewer = await viewerOf(s, facilitatorOrSignIn(locals, url));
		const form = parseForm(importForm(viewer), await request.formData(), importMessages);
		const sharingValue = form.values.sharing;
		if (!form.ok) return fail(400, { sharing: sharingValue, errors: form.errors, problems: [] as ReturnType<typeof problemMessage>[] });
		const { file, sharing } = form.data;
		// Checked on the size first so a huge upload is never read into a string.
		const result =
			file.size > TEMPLATE_FILE_BYTES_MAX
				? parseTemplateFile(' '.repeat(TEMPLATE_FILE_BYTES_MAX + 1))
				: parseTemplateFile(await file.text());
		if (!result.ok)
			return fail(400, {
				sharing: sharingValue,
				errors: { file: { key: 'templates.import.invalid', params: { count: result.problems.length } } } as FieldErrors<Field>,
				problems: result.problems.map(problemMessage)
			});
		const id = await createTemplate(s.db, { ownerId: viewer.id, body: result.template, ...sharing });
		redirect(303, `/templates/${id}`);
	}
};
