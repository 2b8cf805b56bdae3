import nodemailer from 'nodemailer';
import { translator, type Locale } from '../../src/lib/i18n/index.ts';

/**
 * Makes the workshop's report as PDF, attached to the owners' e-mail. Injected: the report is
 * built elsewhere (issue 11, item 1); see app.ts for which one the server uses.
 */
export type ReportPdfMaker = (workshopId: string) => Promise<Uint8Array>;

/** One e-mail to an owner: their new link (with the report), or a reminder of the decisions awaiting an answer. */
export interface OwnerLetter {
	kind: 'link' | 'reminder';
	workshopId: string;
	workshopTitle: string;
	locale: Locale;
	to: string;
	ownerName: string;
	link: string;
	/** A reminder's overdue decisions: title and answer day. */
	overdue?: { title: string; answerBy: string }[];
}

/** News for a participant who left their e-mail: an owner answered one of the workshop's decisions. */
export interface AnswerNews {
	to: string;
	locale: Locale;
	workshopTitle: string;
	decisionTitle: string;
	/** The answer's kind (accepted, adapted…), as `owners.answer.kind.*` names it. */
	answer: string;
	reason: string;
	/** The public results page: the same join link and QR code as on the day. */
	resultsUrl: string;
}

export interface OwnerMailer {
	/** Resolves once the SMTP server accepted the message; rejects with why it did not. */
	send(letter: OwnerLetter): Promise<void>;
	/** Tells a participant that an answer came (same contract as `send`). */
	sendNews(news: AnswerNews): Promise<void>;
}

/** Sends through the SMTP server of `SMTP_URL` (nodemailer's URL form: smtp://user:pass@host:port). */
export function createOwnerMailer(smtpUrl: string, from: string, reportPdf: ReportPdfMaker): OwnerMailer {
	// Short timeouts: a dead SMTP server must fail the attempt (retried later), not hang it.
	const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
	return {
		async sendNews(news) {
			const t = translator(news.locale);
			const answer = t(`owners.answer.kind.${news.answer}` as 'owners.answer.kind.accepted');
			await transport.sendMail({
				from,
				to: news.to,
				subject: t('restitution.mail.subject', { title: news.workshopTitle }),
				text: t('restitution.mail.body', {
					title: news.workshopTitle,
					decision: news.decisionTitle,
					answer,
					reason: news.reason || '—',
					link: news.resultsUrl
				})
			});
		},
		async send(letter) {
			const t = translator(letter.locale);
			const params = { name: letter.ownerName, title: letter.workshopTitle, link: letter.link };
			if (letter.kind === 'link') {
				const pdf = await reportPdf(letter.workshopId);
				await transport.sendMail({
					from,
					to: letter.to,
					subject: t('owners.mail.subject', params),
					text: t('owners.mail.body', params),
					attachments: [{ filename: t('owners.mail.attachment'), content: Buffer.from(pdf), contentType: 'application/pdf' }]
				});
			} else {
				const list = (letter.overdue ?? []).map((d) => `- ${d.title} (${t('owners.mail.reminder.due', { day: d.answerBy })})`).join('\n');
				await transport.sendMail({
					from,
					to: letter.to,
					subject: t('owners.mail.reminder.subject', params),
					text: t('owners.mail.reminder.body', { ...params, decisions: list })
				});
			}
		}
	};
}
