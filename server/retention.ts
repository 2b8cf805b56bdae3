import type { Db } from './db/db.ts';
import type { Config } from './config.ts';
import type { Log } from './log.ts';
import { eraseExpiredParticipantData } from './db/repositories/participants.ts';

const HOUR = 60 * 60 * 1000;

/**
 * Keeps the join notice's promise: participants' names, age bands, genders and e-mails are
 * erased once their workshop's organisation's period (by default `participantRetentionMonths`)
 * has passed since they joined. Runs at start and then every hour; with
 * several instances each runs it, which is harmless (the update is idempotent).
 */
export function startRetention(db: Db, config: Config, log: Log): { stop(): void } {
	const run = () =>
		eraseExpiredParticipantData(db, new Date(), config.participantRetentionMonths).then(
			(n) => n > 0 && log.info({ erased: n }, 'participants’ personal data erased (retention)'),
			(e: Error) => log.warn({ err: e.message }, 'retention run failed; retried in an hour')
		);
	void run();
	const timer = setInterval(run, HOUR);
	timer.unref();
	return { stop: () => clearInterval(timer) };
}
