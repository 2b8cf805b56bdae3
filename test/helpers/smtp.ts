import { SMTPServer } from 'smtp-server';

/** One message the test SMTP server accepted, its MIME parts decoded. */
export interface ReceivedMail {
	to: string[];
	text: string;
	attachments: { contentType: string; filename: string; content: Buffer }[];
}

/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps every message it
 * accepts: the server under test sends to it through SMTP_URL as it would to a real relay.
 */
export async function startSmtp(): Promise<{ url: string; mails: ReceivedMail[]; refused: Set<string>; close(): Promise<void> }> {
	const mails: ReceivedMail[] = [];
	// Recipients this server refuses for now (a full mailbox, a relay down), as a real one would: 550.
	const refused = new Set<string>();
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (refused.has(address.address)) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
			callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const to = session.envelope.rcptTo.map((r) => r.address);
				mails.push({ to, ...parseMime(Buffer.concat(chunks).toString('latin1')) });
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const address = server.server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return { url: `smtp://127.0.0.1:${port}`, mails, refused, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// A small MIME reader, enough for what nodemailer writes: multipart/mixed with a text part
// (quoted-printable or 7bit) and base64 attachments.
function split(raw: string): { headers: Record<string, string>; body: string } {
	const at = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
	const headers: Record<string, string> = {};
	for (const line of head.split('\r\n')) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return { headers, body: raw.slice(at + 4) };
}

function decode(body: string, encoding: string | undefined): Buffer {
	if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
	if (encoding?.toLowerCase() === 'quoted-printable') {
		const soft = body.replace(/=\r\n/g, '');
		const bytes: number[] = [];
		for (let i = 0; i < soft.length; i++) {
			if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
				bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
				i += 2;
			} else bytes.push(soft.charCodeAt(i));
		}
		return Buffer.from(bytes);
	}
	return Buffer.from(body, 'latin1');
}

function parseMime(raw: string): Omit<ReceivedMail, 'to'> {
	const { headers, body } = split(raw);
	const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
	const parts = boundary
		? body
				.split(`--${boundary}`)
				.slice(1, -1)
				.map((p) => split(p.replace(/^\r\n/, '')))
		: [{ headers, body }];
	let text = '';
	const attachments: ReceivedMail['attachments'] = [];
	for (const part of parts) {
		const type = part.headers['content-type'] ?? 'text/plain';
		const content = decode(part.body.replace(/\r\n$/, ''), part.headers['content-transfer-encoding']);
		const filename = /filename="?([^";]+)"?/i.exec(part.headers['content-disposition'] ?? '')?.[1];
		if (filename) attachments.push({ contentType: type.split(';')[0], filename, content });
		else if (type.startsWith('text/plain')) text += content.toString('utf8');
	}
	return { text, attachments };
}
