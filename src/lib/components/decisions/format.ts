import type { Translate } from '$lib/i18n';
import type { Committer, Day } from '$lib/domain/decisions/decision';

/** A calendar day in words ("30 juin 2026"), the same on every device whatever its time zone. */
export function formatDay(day: Day, locale: string): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Who commits, in words: "Les agents et les usagers". */
export function committersInWords(t: Translate, commits: readonly Committer[], locale: string): string {
	if (commits.length === 0) return t('decisions.commits.none');
	const names = commits.map((c, i) => {
		const name = t(`decisions.commit.${c}`);
		return i === 0 ? name : name.charAt(0).toLowerCase() + name.slice(1);
	});
	return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}
