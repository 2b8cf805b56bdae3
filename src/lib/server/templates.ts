import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { textField } from './forms.ts';
import type { Services } from '$server/services';
import type { Facilitator } from '$server/db/repositories/facilitators';
import { organisationsOf, type Organisation } from '$server/db/repositories/organisations';
import { findTemplate, type StoredTemplate, type TemplateSharing } from '$server/db/repositories/templates';
import { allowedActions, type TemplateAction, type Viewer } from '$lib/domain/templates/access';
import { builtinTemplate, isBuiltinId } from '$lib/domain/templates/builtins';
import type { Template } from '$lib/domain/templates/schema';
import type { TemplateProblem } from '$lib/domain/templates/validate';
import type { Message } from '$lib/i18n/context';
import type { MessageKey } from '$lib/i18n';

/** The signed-in facilitator, or a trip to the sign-in page and back. */
export function facilitatorOrSignIn(locals: App.Locals, url: URL): Facilitator {
	if (!locals.facilitator) redirect(303, `/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
	return locals.facilitator;
}

/** A facilitator as template permissions see them: who, and in which organisations. */
export async function viewerOf(s: Services, f: Facilitator): Promise<Viewer & { organisations: Organisation[] }> {
	const organisations = await organisationsOf(s.db, f.id);
	return { id: f.id, organisationIds: organisations.map((o) => o.id), organisations };
}

/** A template as a page sees it: a built-in (read-only) or a saved one, with what the viewer may do. */
export interface TemplateView {
	id: string;
	builtin: boolean;
	body: Template;
	stored: StoredTemplate | null;
	actions: readonly TemplateAction[];
}

// Saved template ids are 16 base32 characters (newId); built-in ids are their file names.
const SAVED_ID = /^[a-z2-7]{16}$/;

/**
 * The template named in a URL if the viewer may `action` it. Templates they may not even
 * read answer 404, so ids of others' private templates cannot be probed.
 */
export async function templateFor(s: Services, id: string, viewer: Viewer, action: TemplateAction): Promise<TemplateView> {
	let view: TemplateView | null = null;
	if (isBuiltinId(id)) view = { id, builtin: true, body: builtinTemplate(id), stored: null, actions: ['read'] };
	else if (SAVED_ID.test(id)) {
		const stored = await findTemplate(s.db, id);
		if (stored) view = { id, builtin: false, body: stored.body, stored, actions: allowedActions(stored, viewer) };
	}
	if (!view || !view.actions.includes('read')) error(404, { message: 'unknown template', code: 'not_found' });
	if (!view.actions.includes(action)) error(403, { message: `may not ${action} this template`, code: 'template_forbidden' });
	return view;
}

/**
 * Reads a sharing choice posted by SharingField: `private`, or `organisation:<id>` for an
 * organisation the facilitator belongs to. Anything else is refused (null).
 */
export function parseSharing(value: string, viewer: Viewer): TemplateSharing | null {
	if (value === 'private') return { organisationId: null, visibility: 'private' };
	const id = value.startsWith('organisation:') ? value.slice('organisation:'.length) : '';
	return viewer.organisationIds.includes(id) ? { organisationId: id, visibility: 'organisation' } : null;
}

/** The sharing field of a form (SharingField), read with `parseSharing` for this viewer. */
export const sharingField = (viewer: Viewer) =>
	textField.transform((raw, ctx) => {
		const sharing = parseSharing(raw, viewer);
		if (!sharing) ctx.addIssue({ code: 'custom', message: 'not a sharing choice of this facilitator' });
		return sharing ?? z.NEVER;
	});

/** A template problem as a translatable message, its field path in front. */
export function problemMessage(p: TemplateProblem): Message & { path: string } {
	return { key: `templates.problem.${p.code}` as MessageKey, params: p.params, path: p.path };
}

/** Where to go after creating from a template: the series page for a series, else the board. */
export function afterCreate(created: { workshop: { id: string }; seriesId: string | null }): string {
	return created.seriesId ? `/series/${created.seriesId}` : `/w/${created.workshop.id}`;
}
