import { resolve } from 'node:path';
import { addressSource, type AddressSource } from './limits/client-address.ts';

/** Every setting Concerto reads from its environment; the README's configuration table mirrors it. */
export interface Config {
	port: number;
	host: string;
	/** Public origin (e.g. https://concerto.example.fr); when unset, the request's own host is trusted. */
	origin: string | null;
	databaseUrl: string | null;
	redisUrl: string | null;
	dataDir: string;
	/** Group-commit window for Yjs updates while a command's acknowledgement waits for the store, in ms. */
	commitWindowMs: number;
	/** Group-commit window for editors' updates that nothing waits for, in ms. */
	editWindowMs: number;
	/** Compact the update log into a snapshot after this many stored batches. */
	compactEvery: number;
	/** While a board changes, a version of it is saved this often (ms); also on each phase change. */
	versionEveryMs: number;
	/** Largest sync or live message accepted, in bytes. */
	maxMessageBytes: number;
	secureCookies: boolean;
	sessionDays: number;
	logLevel: string;
	/** Per sync connection: messages per second (burst twice that); over it the connection is closed (1008). */
	syncMessagesPerSecond: number;
	/** Per live socket: commands per second (burst twice that). */
	liveCommandsPerSecond: number;
	/** Per participant and workshop: notes per minute. */
	notesPerMinute: number;
	/** Joins per minute from one client address (a room behind one Wi-Fi shares it). */
	joinsPerMinute: number;
	/** Sync sockets, first states and live handshakes per minute from one client address (burst of half). */
	connectionsPerMinute: number;
	/** Where a client's address is read for those (ADDRESS_HEADER and XFF_DEPTH, as for the pages). */
	clientAddress: AddressSource;
	/** Participants' names, age bands and genders are erased this many months after they joined (the join notice says so). */
	participantRetentionMonths: number;
	/** Facilitators' sign-in through an OpenID Connect provider (ProConnect, a town's Keycloak); null when not configured. */
	oidc: OidcConfig | null;
	/** Whether facilitators may sign up and sign in with a password (off when only OIDC is wanted). */
	passwordSignIn: boolean;
	/** SMTP server for the owners' e-mails (nodemailer URL, e.g. smtps://user:pass@smtp.example.fr); null: no e-mail, links are shown only. */
	smtpUrl: string | null;
	/** Sender of those e-mails. */
	mailFrom: string;
	/** Owners are reminded this long after an unanswered decision's answer date, then once per same delay (ms; set in days). */
	ownerReminderDelayMs: number;
	/** How often the reminder job looks for owners to remind or e-mails to retry (ms; set in minutes). */
	ownerReminderEveryMs: number;
}

export interface OidcConfig {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** E-mail domains allowed to sign in (e.g. `strasbourg.eu`, subdomains included); empty: any. */
	allowedDomains: string[];
	/** The claim that names the facilitator's organisation (ProConnect: `siret`), recorded with the account. */
	organisationClaim: string | null;
	/** The name on the sign-in button. */
	label: string;
	/** Plain http issuer (a test or a local Keycloak only; never in production). */
	allowHttp: boolean;
}

function oidcFrom(env: NodeJS.ProcessEnv): OidcConfig | null {
	if (!env.OIDC_ISSUER) return null;
	if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) throw new Error('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
	return {
		issuer: env.OIDC_ISSUER,
		clientId: env.OIDC_CLIENT_ID,
		clientSecret: env.OIDC_CLIENT_SECRET,
		allowedDomains: (env.OIDC_ALLOWED_DOMAINS ?? '')
			.split(',')
			.map((d) => d.trim().toLowerCase().replace(/^@/, ''))
			.filter(Boolean),
		organisationClaim: env.OIDC_ORGANISATION_CLAIM || null,
		label: env.OIDC_LABEL || 'ProConnect',
		allowHttp: env.OIDC_ALLOW_HTTP === 'true'
	};
}

function int(value: string | undefined, fallback: number, name: string, min = 0): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${value}"`);
	return n;
}

/** Minutes, fractions allowed (a test saves versions every few seconds). */
function minutes(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback * 60_000;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0.01) throw new Error(`${name} must be a number of minutes ≥ 0.01, got "${value}"`);
	return Math.round(n * 60_000);
}

/** Days, fractions allowed (a test shortens the reminder delay to seconds). */
function days(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback * 86_400_000;
	const n = Number(value);
	if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number of days > 0, got "${value}"`);
	return Math.round(n * 86_400_000);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const origin = env.ORIGIN?.replace(/\/$/, '') || null;
	return {
		port: int(env.PORT, 3000, 'PORT'),
		host: env.HOST || '127.0.0.1',
		origin,
		databaseUrl: env.DATABASE_URL || null,
		redisUrl: env.REDIS_URL || null,
		dataDir: resolve(env.CONCERTO_DATA_DIR || 'data'),
		commitWindowMs: int(env.CONCERTO_COMMIT_WINDOW_MS, 20, 'CONCERTO_COMMIT_WINDOW_MS'),
		editWindowMs: int(env.CONCERTO_EDIT_WINDOW_MS, 250, 'CONCERTO_EDIT_WINDOW_MS'),
		compactEvery: int(env.CONCERTO_COMPACT_EVERY, 200, 'CONCERTO_COMPACT_EVERY', 1),
		versionEveryMs: minutes(env.CONCERTO_VERSION_EVERY_MINUTES, 10, 'CONCERTO_VERSION_EVERY_MINUTES'),
		maxMessageBytes: int(env.CONCERTO_MAX_MESSAGE_BYTES, 1024 * 1024, 'CONCERTO_MAX_MESSAGE_BYTES', 1024),
		secureCookies: env.CONCERTO_SECURE_COOKIES
			? env.CONCERTO_SECURE_COOKIES === 'true'
			: (origin?.startsWith('https:') ?? false),
		sessionDays: int(env.CONCERTO_SESSION_DAYS, 30, 'CONCERTO_SESSION_DAYS', 1),
		logLevel: env.LOG_LEVEL || 'info',
		syncMessagesPerSecond: int(env.CONCERTO_SYNC_MESSAGES_PER_SECOND, 200, 'CONCERTO_SYNC_MESSAGES_PER_SECOND', 1),
		liveCommandsPerSecond: int(env.CONCERTO_LIVE_COMMANDS_PER_SECOND, 20, 'CONCERTO_LIVE_COMMANDS_PER_SECOND', 1),
		notesPerMinute: int(env.CONCERTO_NOTES_PER_MINUTE, 30, 'CONCERTO_NOTES_PER_MINUTE', 1),
		joinsPerMinute: int(env.CONCERTO_JOINS_PER_MINUTE, 120, 'CONCERTO_JOINS_PER_MINUTE', 1),
		connectionsPerMinute: int(env.CONCERTO_CONNECTIONS_PER_MINUTE, 6000, 'CONCERTO_CONNECTIONS_PER_MINUTE', 1),
		clientAddress: addressSource(env),
		participantRetentionMonths: int(env.CONCERTO_PARTICIPANT_RETENTION_MONTHS, 6, 'CONCERTO_PARTICIPANT_RETENTION_MONTHS', 1),
		oidc: oidcFrom(env),
		passwordSignIn: env.CONCERTO_PASSWORD_SIGNIN !== 'false',
		smtpUrl: env.SMTP_URL || null,
		mailFrom: env.CONCERTO_MAIL_FROM || 'Concerto <ne-pas-repondre@concerto.invalid>',
		ownerReminderDelayMs: days(env.OWNER_REMINDER_DAYS, 7, 'OWNER_REMINDER_DAYS'),
		ownerReminderEveryMs: minutes(env.CONCERTO_OWNER_REMINDER_EVERY_MINUTES, 60, 'CONCERTO_OWNER_REMINDER_EVERY_MINUTES')
	};
}
