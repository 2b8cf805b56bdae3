import type { Db } from '../db/db.ts';
import type { Config } from '../config.ts';
import type { Log } from '../log.ts';
import { findWorkshop } from '../db/repositories/workshops.ts';
import { readDecisions, readOwners } from '../db/repositories/decisions.ts';
import { readAnswers } from '../db/repositories/answers.ts';
import { issueOwnerLink } from '../db/repositories/owner-links.ts';
import { claimMail, mailStatesOfClosedWorkshops, type OwnerMailState } from '../db/repositories/owner-mail.ts';
import { dayIn, overdueDecisions, reminderDue } from '../../src/lib/domain/decisions/closing.ts';
import { deliver } from './delivery.ts';
import type { OwnerMailer } from './mailer.ts';

/** A 'pending' e-mail older than this was lost with its process: it is tried again. */
const STALE_PENDING_MS = 10 * 60_000;
/** A link e-mail still refused after this many attempts (a wrong address) waits for the facilitators: they see it unsent. */
const MAX_ATTEMPTS = 5;

/*
 * Why a reminder (and a retried e-mail) carries a NEW link, revoking the previous one: a link
 * is stored only as its hash, so the token sent before exists nowhere any more, and keeping
 * it in clear to send it again would turn a leaked table into working links. The owner uses
 * the newest e-mail; an older link opens a page saying it was replaced. The facilitators see
 * every e-mail's state and can issue a link themselves.
 */

/** One pass: retries failed (or lost) link e-mails, then reminds owners whose answers are late. */
export async function runOwnerReminders(deps: { db: Db; log: Log; mailer: OwnerMailer }, config: Pick<Config, 'ownerReminderDelayMs' | 'origin'>, now: Date): Promise<number> {
	let sent = 0;
	for (const state of await mailStatesOfClosedWorkshops(deps.db)) {
		const kind = await dueKind(deps.db, state, config.ownerReminderDelayMs, now);
		if (!kind) continue;
		// Claimed with a conditional update: with several instances, one of them sends it.
		const claimed = await deps.db.transaction(async (tx) => {
			if (!(await claimMail(tx, state, kind === 'reminder'))) return null;
			const owner = (await readOwners(tx, state.workshopId)).find((o) => o.id === state.ownerId);
			if (!owner) return null;
			return { owner, token: await issueOwnerLink(tx, { workshopId: state.workshopId, ownerId: owner.id, createdBy: kind === 'reminder' ? 'reminder' : 'mail-retry' }) };
		});
		const workshop = claimed ? await findWorkshop(deps.db, state.workshopId) : null;
		if (!claimed || !workshop) continue;
		const overdue = kind === 'reminder' ? await overdueOf(deps.db, state.workshopId, now) : undefined;
		const origin = config.origin ?? state.linkOrigin;
		if (await deliver(deps, { workshop, owner: claimed.owner, token: claimed.token, origin, kind, overdue: overdue?.map((d) => ({ title: d.title, answerBy: d.answerBy! })) }))
			sent++;
	}
	return sent;
}

async function overdueOf(db: Db, workshopId: string, now: Date) {
	const [decisions, answers] = await Promise.all([readDecisions(db, workshopId), readAnswers(db, workshopId)]);
	return overdueDecisions(decisions, new Set(answers.map((a) => a.decisionId)), dayIn(now));
}

async function dueKind(db: Db, state: OwnerMailState & { workshopId: string }, delayMs: number, now: Date): Promise<'link' | 'reminder' | null> {
	if ((state.status === 'failed' && state.attempts < MAX_ATTEMPTS) || (state.status === 'pending' && now.getTime() - state.attemptedAt.getTime() > STALE_PENDING_MS)) return 'link';
	if (state.status !== 'sent') return null;
	const overdue = await overdueOf(db, state.workshopId, now);
	return reminderDue({ overdue, lastContact: state.remindedAt ?? state.sentAt, now, delayMs }) ? 'reminder' : null;
}

/**
 * Runs the pass at start and then every `ownerReminderEveryMs`, like the retention job. Only
 * with SMTP configured; without it the facilitators still see the late answers flagged.
 */
export function startOwnerReminders(db: Db, config: Config, mailer: OwnerMailer | null, log: Log): { stop(): void } {
	if (!mailer) return { stop() {} };
	let running = false;
	const run = async () => {
		if (running) return;
		running = true;
		try {
			const sent = await runOwnerReminders({ db, log, mailer }, config, new Date());
			if (sent > 0) log.info({ sent }, 'owner e-mails sent (reminders and retries)');
		} catch (e) {
			log.warn({ err: (e as Error).message }, 'owner reminder run failed; retried at the next run');
		} finally {
			running = false;
		}
	};
	void run();
	const timer = setInterval(() => void run(), config.ownerReminderEveryMs);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
