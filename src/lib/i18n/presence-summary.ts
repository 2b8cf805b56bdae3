import type { Translate, MessageKey } from './index.ts';
import { CATEGORIES } from '$lib/domain/workshop/categories';
import type { PresenceCounts } from '$lib/domain/board/presence';

function counted(t: Translate, key: string, count: number): string {
	return t(`${key}.${count === 1 ? 'one' : 'other'}` as MessageKey, { count });
}

/**
 * One short sentence for who is here, e.g. "12 présent·es : 5 agents, 4 usager·ères, 2 élu·es,
 * 1 écran": categories in their usual order, then facilitators and screens; empty groups left out.
 */
export function presenceSummary(t: Translate, counts: PresenceCounts): string {
	if (counts.total === 0) return t('presence.nobody');
	const parts = [
		...CATEGORIES.map((c) => [`presence.${c}`, counts.categories[c]] as const),
		['presence.facilitator', counts.facilitators] as const,
		['presence.screen', counts.screens] as const
	]
		.filter(([, n]) => n > 0)
		.map(([key, n]) => counted(t, key, n));
	return t('presence.summary', { total: counted(t, 'presence.total', counts.total), parts: parts.join(', ') });
}
