import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { services } from '$server/services';
import { facilitatorOrSignIn } from '$lib/server/templates';
import { createArchive } from '$server/db/repositories/archives';
import { parseReportFile, REPORT_FILE_BYTES_MAX } from '$lib/domain/report/report-schema';

export const load: PageServerLoad = ({ locals, url }) => {
	facilitatorOrSignIn(locals, url);
	return { maxMegabytes: REPORT_FILE_BYTES_MAX / (1024 * 1024) };
};

export const actions: Actions = {
	/**
	 * A report's JSON (`/w/<id>/report/json`) brought back as a read-only archived workshop, for a
	 * steering committee years later or another organisation's records: checked field by field,
	 * then its report is served exactly as it was.
	 */
	default: async ({ request, locals, url }) => {
		const s = services();
		const f = facilitatorOrSignIn(locals, url);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { error: { key: 'archive.import.missing' as const }, problems: [] as string[] });
		// Checked on the size first so a huge upload is never read into a string.
		const parsed = file.size > REPORT_FILE_BYTES_MAX ? parseReportFile(' '.repeat(REPORT_FILE_BYTES_MAX + 1)) : parseReportFile(await file.text());
		if (!parsed.ok) return fail(400, { error: { key: 'archive.import.invalid' as const }, problems: parsed.problems });
		const id = await createArchive(s.db, { report: parsed.report, facilitatorId: f.id });
		redirect(303, `/w/${id}/report`);
	}
};
