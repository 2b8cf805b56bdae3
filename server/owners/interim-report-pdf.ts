import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Queryable } from '../db/db.ts';
import { findWorkshop } from '../db/repositories/workshops.ts';
import { readDecisions, readOwners } from '../db/repositories/decisions.ts';
import type { ReportPdfMaker } from './mailer.ts';

const font = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/**
 * INTERIM — replaced at merge by the full report's PDF (issue 11, item 1). Until then the
 * owners' e-mail carries this one page: the workshop, its owners and its confirmed decisions
 * with who is responsible and the dates, in an embedded font that keeps French accents.
 */
export function interimReportPdf(db: Queryable): ReportPdfMaker {
	return async (workshopId) => {
		const [workshop, decisions, owners] = await Promise.all([findWorkshop(db, workshopId), readDecisions(db, workshopId), readOwners(db, workshopId)]);
		const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: workshop?.title ?? '' } });
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
		doc.registerFont('text', font).font('text');
		doc.fontSize(18).text(workshop?.title ?? '');
		doc.moveDown().fontSize(11).text(owners.map((o) => (o.organisation ? `${o.name} (${o.organisation})` : o.name)).join(', '));
		for (const d of decisions.filter((x) => x.status === 'confirmed')) {
			doc.moveDown().fontSize(13).text(d.title);
			doc.fontSize(10);
			if (d.text) doc.text(d.text);
			doc.text([d.responsible, d.dueDate, d.answerBy].filter(Boolean).join(' · '));
		}
		doc.end();
		await done;
		return new Uint8Array(Buffer.concat(chunks));
	};
}
