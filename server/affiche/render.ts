import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { Resvg } from '@resvg/resvg-js';
import { SIDES, tallyTotal, type Affiche, type Side } from '../../src/lib/domain/affiche/affiche.ts';
import type { Translate } from '../../src/lib/i18n/index.ts';

/**
 * The affiche as files, made on the server with no browser: a PDF (pdfkit, DejaVu embedded:
 * French accents, « », € and non-Latin names render and stay extractable) and a PNG (an SVG
 * drawn by resvg with the same fonts, no system font: the same image on every server).
 * One page, big type; when the text is long the type shrinks to keep it on the page.
 */

const require = createRequire(import.meta.url);
const fontDir = () => require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').replace(/DejaVuSans\.ttf$/, '');
export const REGULAR = () => `${fontDir()}DejaVuSans.ttf`;
export const BOLD = () => `${fontDir()}DejaVuSans-Bold.ttf`;

export type PaperSize = 'A4' | 'A3';

/** The poster's blocks top to bottom: a heading and its lines. */
export function posterSections(affiche: Affiche, t: Translate): { heading: string; lines: string[] }[] {
	const heading: Record<Side, string> = { agents: t('affiche.agents'), usagers: t('affiche.usagers'), both: t('affiche.both') };
	return [
		{ heading: t('affiche.qualities'), lines: affiche.content.qualities },
		...SIDES.map((side) => ({ heading: heading[side], lines: affiche.content.commitments[side] }))
	].filter((s) => s.lines.length > 0);
}

/** "Validée par …" under a published poster (counts only, never a name). */
export function validatedLine(affiche: Affiche, t: Translate): string | null {
	if (affiche.status !== 'published' || !affiche.publishedTally) return null;
	const total = tallyTotal(affiche.publishedTally);
	return t('affiche.validatedBy', { valide: total.valide, modification: total.modification });
}

export function affichePdf(affiche: Affiche, t: Translate, size: PaperSize = 'A4'): Promise<Buffer> {
	const doc = new PDFDocument({ size, margin: 48, info: { Title: affiche.content.title } });
	doc.registerFont('regular', REGULAR());
	doc.registerFont('bold', BOLD());
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
	const width = doc.page.width - 96;
	const room = doc.page.height - 96;
	const sections = posterSections(affiche, t);
	const footer = validatedLine(affiche, t);
	// The biggest type at which everything fits on the one page (A3 scales it up).
	const scale = size === 'A3' ? Math.SQRT2 : 1;
	const heightAt = (body: number) => {
		let h = doc.font('bold').fontSize(body * 2).heightOfString(affiche.content.title, { width }) + body;
		for (const s of sections) {
			h += doc.font('bold').fontSize(body * 1.25).heightOfString(s.heading, { width }) + body * 0.4;
			for (const l of s.lines) h += doc.font('regular').fontSize(body).heightOfString(`• ${l}`, { width }) + body * 0.3;
			h += body * 0.6;
		}
		return h + (footer ? body * 2 : 0);
	};
	let body = 18 * scale;
	while (body > 8 && heightAt(body) > room) body -= 0.5;
	doc.font('bold').fontSize(body * 2).fillColor('#000091').text(affiche.content.title, { width, align: 'center' });
	doc.moveDown(0.5);
	for (const s of sections) {
		doc.font('bold').fontSize(body * 1.25).fillColor('#000091').text(s.heading, { width });
		doc.moveDown(0.2);
		for (const l of s.lines) doc.font('regular').fontSize(body).fillColor('#161616').text(`• ${l}`, { width, paragraphGap: body * 0.3 });
		doc.moveDown(0.6);
	}
	if (footer) doc.font('regular').fontSize(body * 0.8).fillColor('#3a3a3a').text(footer, { width, align: 'center' });
	doc.end();
	return done;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Words wrapped to at most `max` characters a line (DejaVu Sans is about 0.6 em a character). */
function wrap(text: string, max: number): string[] {
	const lines: string[] = [];
	let line = '';
	// French spacing: « and » stay with their words, as do : ; ! ? with theirs.
	const french = text.replace(/« /g, '«\u00a0').replace(/ ([»:;!?])/g, '\u00a0$1');
	for (const word of french.split(' ')) {
		const next = line ? `${line} ${word}` : word;
		if (next.length <= max || !line) line = next;
		else {
			lines.push(line);
			line = word;
		}
	}
	if (line) lines.push(line);
	return lines.flatMap((l) => (l.length <= max ? [l] : (l.match(new RegExp(`.{1,${max}}`, 'g')) ?? [])));
}

/** The poster as an SVG of an A4 page at 150 dpi (1240 × 1754). */
export function afficheSvg(affiche: Affiche, t: Translate): string {
	const [W, H, M] = [1240, 1754, 90];
	const sections = posterSections(affiche, t);
	const footer = validatedLine(affiche, t);
	const layout = (body: number) => {
		const els: string[] = [];
		let y = M;
		const text = (s: string, size: number, weight: 'normal' | 'bold', color: string, anchor: 'start' | 'middle', indent = 0) => {
			for (const l of wrap(s, Math.floor((W - 2 * M - indent) / (size * 0.62)))) {
				y += size * 1.25;
				const x = anchor === 'middle' ? W / 2 : M + indent;
				els.push(`<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${color}" text-anchor="${anchor}">${escapeXml(l)}</text>`);
			}
		};
		text(affiche.content.title, body * 2, 'bold', '#000091', 'middle');
		y += body;
		for (const s of sections) {
			text(s.heading, body * 1.25, 'bold', '#000091', 'start');
			y += body * 0.3;
			for (const l of s.lines) {
				els.push(`<circle cx="${M + body * 0.4}" cy="${y + body * 0.85}" r="${body * 0.18}" fill="#161616"/>`);
				text(l, body, 'normal', '#161616', 'start', body * 1.2);
				y += body * 0.3;
			}
			y += body * 0.6;
		}
		if (footer) {
			y += body * 0.5;
			text(footer, body * 0.8, 'normal', '#3a3a3a', 'middle');
		}
		return { els, y };
	};
	let body = 38;
	let drawn = layout(body);
	while (body > 14 && drawn.y > H - M) drawn = layout((body -= 1));
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans">` +
		`<rect width="${W}" height="${H}" fill="#ffffff"/>${drawn.els.join('')}</svg>`
	);
}

export function affichePng(affiche: Affiche, t: Translate): Buffer {
	const resvg = new Resvg(afficheSvg(affiche, t), {
		font: { loadSystemFonts: false, fontFiles: [REGULAR(), BOLD()], defaultFontFamily: 'DejaVu Sans' }
	});
	return Buffer.from(resvg.render().asPng());
}
