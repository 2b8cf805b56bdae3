/**
 * Who may do what with a saved template. A template is private to its owner, or shared with
 * one of the owner's organisations; members of that organisation use and improve it, but
 * only the owner deletes it or changes who sees it. Built-ins are read-only for everyone.
 */
export const VISIBILITIES = ['private', 'organisation'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export type TemplateAction = 'read' | 'edit' | 'share' | 'delete';

export interface TemplateOwnership {
	ownerId: string;
	organisationId: string | null;
	visibility: Visibility;
}

export interface Viewer {
	id: string;
	organisationIds: readonly string[];
}

const OWNER: readonly TemplateAction[] = ['read', 'edit', 'share', 'delete'];
const MEMBER: readonly TemplateAction[] = ['read', 'edit'];

export function allowedActions(t: TemplateOwnership, viewer: Viewer): readonly TemplateAction[] {
	if (t.ownerId === viewer.id) return OWNER;
	if (t.visibility === 'organisation' && t.organisationId !== null && viewer.organisationIds.includes(t.organisationId)) return MEMBER;
	return [];
}

export function can(t: TemplateOwnership, viewer: Viewer, action: TemplateAction): boolean {
	return allowedActions(t, viewer).includes(action);
}

export const ORGANISATION_NAME_MAX = 120;
