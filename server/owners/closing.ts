import type { Services } from '../services.ts';
import type { Actor } from '../auth/actor.ts';
import { requireCan } from '../people/require-can.ts';
import { findWorkshop, lockWorkshopStatus, markWorkshopClosed } from '../db/repositories/workshops.ts';
import { readDecisions, readOwners } from '../db/repositories/decisions.ts';
import { issueOwnerLink } from '../db/repositories/owner-links.ts';
import { mailPending } from '../db/repositories/owner-mail.ts';
import { closingProblems, type ClosingProblem } from '../../src/lib/domain/decisions/closing.ts';
import type { Owner } from '../../src/lib/domain/decisions/decision.ts';
import { deliver, ownerLinkUrl } from './delivery.ts';

/** A new owner link, shown once to the facilitator who asked for it. */
export interface IssuedLink {
	ownerId: string;
	name: string;
	url: string;
}

export type CloseOutcome =
	| { closed: true; already: boolean; links: IssuedLink[] }
	| { closed: false; problems: ClosingProblem[]; noOwner: boolean };

/**
 * Closes a workshop: its confirmed decisions go to the owners. Refused (nothing changed)
 * while a confirmed decision lacks a responsible or an answer date, or with no owner named.
 * Each owner gets a new secret link, returned to show once; with SMTP configured each is also
 * e-mailed, after the commit and without waiting: a slow or dead mail server never holds the
 * closing. Closing a closed workshop changes nothing and issues no link.
 */
export async function closeWorkshop(s: Services, actor: Actor, workshopId: string, origin: string): Promise<CloseOutcome> {
	requireCan(actor, 'workshop.manage');
	const mailer = s.mailer ?? null;
	const result = await s.db.transaction(async (tx): Promise<{ outcome: CloseOutcome; tokens: { owner: Owner; token: string }[] }> => {
		if ((await lockWorkshopStatus(tx, workshopId)) === 'closed') return { outcome: { closed: true, already: true, links: [] }, tokens: [] };
		const [decisions, owners] = await Promise.all([readDecisions(tx, workshopId), readOwners(tx, workshopId)]);
		const problems = closingProblems(decisions);
		if (problems.length > 0 || owners.length === 0) return { outcome: { closed: false, problems, noOwner: owners.length === 0 }, tokens: [] };
		await markWorkshopClosed(tx, workshopId);
		const tokens = [];
		for (const owner of owners) {
			tokens.push({ owner, token: await issueOwnerLink(tx, { workshopId, ownerId: owner.id, createdBy: actor.id }) });
			if (mailer) await mailPending(tx, workshopId, owner.id, origin);
		}
		const links = tokens.map(({ owner, token }) => ({ ownerId: owner.id, name: owner.name, url: ownerLinkUrl(origin, token) }));
		return { outcome: { closed: true, already: false, links }, tokens };
	});
	if (result.tokens.length > 0) s.log.info({ workshopId, owners: result.tokens.length }, 'workshop closed: owner links issued');
	if (mailer && result.tokens.length > 0) void sendAll(s, workshopId, result.tokens, origin);
	return result.outcome;
}

/**
 * A new link for one owner of a closed workshop (lost, forwarded by mistake, or an owner
 * added after the closing): the older one stops working. E-mailed too when SMTP is set.
 * Null when the workshop is not closed or the owner is not one of its owners.
 */
export async function reissueOwnerLink(s: Services, actor: Actor, workshopId: string, ownerId: string, origin: string): Promise<IssuedLink | null> {
	requireCan(actor, 'workshop.manage');
	const mailer = s.mailer ?? null;
	const issued = await s.db.transaction(async (tx) => {
		if ((await lockWorkshopStatus(tx, workshopId)) !== 'closed') return null;
		const owner = (await readOwners(tx, workshopId)).find((o) => o.id === ownerId);
		if (!owner) return null;
		const token = await issueOwnerLink(tx, { workshopId, ownerId, createdBy: actor.id });
		if (mailer) await mailPending(tx, workshopId, ownerId, origin);
		return { owner, token };
	});
	if (!issued) return null;
	if (mailer) void sendAll(s, workshopId, [issued], origin);
	return { ownerId, name: issued.owner.name, url: ownerLinkUrl(origin, issued.token) };
}

async function sendAll(s: Services, workshopId: string, tokens: { owner: Owner; token: string }[], origin: string): Promise<void> {
	const workshop = await findWorkshop(s.db, workshopId).catch(() => null);
	if (!workshop) return;
	for (const { owner, token } of tokens) await deliver({ db: s.db, log: s.log, mailer: s.mailer ?? null }, { workshop, owner, token, origin, kind: 'link' });
}
