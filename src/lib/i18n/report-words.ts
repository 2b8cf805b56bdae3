import { translator, type Translate } from './index.ts';
import type { Committer } from '../domain/decisions/decision.ts';

/** Words every format of the report shares, so the HTML, PDF and Markdown say the same. */
export interface ReportWords {
	t: Translate;
	/** `YYYY-MM-DD` as the language writes it ("15 mars 2026"). */
	day(day: string | null): string;
	percent(ratio: number): string;
	commits(commits: readonly Committer[]): string;
	category(category: string): string;
	/** ' :' in French (a space before the colon), ':' in English. */
	colon: string;
}

export function reportWords(locale: 'fr' | 'en'): ReportWords {
	const t = translator(locale);
	const days = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
	const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
	return {
		t,
		day: (d) => (d ? days.format(new Date(`${d}T00:00:00Z`)) : '—'),
		percent: (r) => percents.format(r),
		commits: (c) => (c.length === 0 ? t('decisions.commits.none') : c.map((x) => t(`decisions.commit.${x}`)).join(', ')),
		category: (c) => t(`category.${c}` as Parameters<Translate>[0]),
		colon: locale === 'fr' ? '\u00a0:' : ':'
	};
}
