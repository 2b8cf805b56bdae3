import type { Answer } from './answer.ts';
import type { Day, Decision, PublicOwner } from './decision.ts';

/*
 * What the server sends the pages after the workshop (shapes only): the facilitators' closing
 * panel and the public restitution page.
 */

/** Where the last e-mail carrying an owner's link stands. */
export type MailStatus = 'pending' | 'sent' | 'failed';

/** The facilitators' closing panel: the workshop's state, each owner's link and e-mail, and the late answers. */
export interface ClosingStatus {
	closed: boolean;
	/** Whether e-mails go out (SMTP_URL set). */
	mail: boolean;
	owners: { id: string; name: string; hasLink: boolean; mail: { status: MailStatus; at: string | null } | null }[];
	confirmed: number;
	answered: number;
	overdue: { id: string; title: string; answerBy: Day }[];
}

/**
 * The public results page an ended workshop's join link opens: its confirmed priorities, its
 * confirmed decisions and the owners' answers (oldest first). No participant's name, no owner's e-mail.
 */
export interface Restitution {
	priorities: { phaseId: string; title: string; items: string[] }[];
	owners: PublicOwner[];
	decisions: { decision: Decision; answers: Answer[] }[];
	/** When the workshop was closed (sent to the owners), or null while it is only ended. */
	closedOn: string | null;
}
