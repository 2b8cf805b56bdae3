import type { Translate } from './index.ts';
import type { Category } from '$lib/domain/workshop/categories';

/** The translated name of a collège (or of the facilitators, who write notes too). */
export function categoryLabel(t: Translate, category: Category | 'facilitator'): string {
	return t(`category.${category}`);
}
