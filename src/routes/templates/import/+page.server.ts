import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { text, type FieldErrors } from '$lib/server/forms';
import { facilitatorOrSignIn, parseSharing, problemMessage, viewerOf } from '$lib/server/templates';
import { createTemplate } from '$server/db/repositories/templates';
import { parseTemplateFile } from '$lib/domain/templates/validate';
import { TEMPLATE_FILE_BYTES_MAX } from '$lib/domain/templates/schema';

export const load: PageServerLoad = async ({ locals, url }) => {
	const viewer = await viewerOf(services(), facilitatorOrSignIn(locals, url));
	return { organisations: viewer.organisations.map((o) => ({ id: o.id, name: o.name })) };
};

export const actions: Actions = {
	/** Validates the uploaded file with the one template schema, then saves it for this facilitator. */
	default: async ({ request, locals, url }) => {
		const s = services();
		const viewer = await viewerOf(s, facilitatorOrSignIn(locals, url));
		const data = await request.formData();
		const sharingValue = text(data, 'sharing');
		const sharing = parseSharing(sharingValue, viewer);
		const file = data.get('file');
		const missing = !(file instanceof File) || file.size === 0;
		const errors: FieldErrors<'file' | 'sharing'> = {};
		if (missing) errors.file = { key: 'templates.import.missing' };
		if (!sharing) errors.sharing = { key: 'templates.sharing.invalid' };
		if (missing || !sharing) return fail(400, { sharing: sharingValue, errors, problems: [] as ReturnType<typeof problemMessage>[] });
		// Checked on the size first so a huge upload is never read into a string.
		const result =
			file.size > TEMPLATE_FILE_BYTES_MAX
				? parseTemplateFile(' '.repeat(TEMPLATE_FILE_BYTES_MAX + 1))
				: parseTemplateFile(await file.text());
		if (!result.ok)
			return fail(400, {
				sharing: sharingValue,
				errors: { file: { key: 'templates.import.invalid', params: { count: result.problems.length } } } as FieldErrors<'file' | 'sharing'>,
				problems: result.problems.map(problemMessage)
			});
		const id = await createTemplate(s.db, { ownerId: viewer.id, body: result.template, ...sharing });
		redirect(303, `/templates/${id}`);
	}
};
