import type { RequestHandler } from './$types';
import { services } from '$server/services';
import { facilitatorOrSignIn, templateFor, viewerOf } from '$lib/server/templates';
import { templateFileText } from '$lib/domain/templates/validate';

/** The template as a file anyone can import into another Concerto or organisation. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const s = services();
	const view = await templateFor(s, params.id, await viewerOf(s, facilitatorOrSignIn(locals, url)), 'read');
	// An ASCII file name for every browser; the full name is inside the file.
	const slug =
		view.body.name.fr
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'modele';
	return new Response(templateFileText(view.body), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${slug}.concerto.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
