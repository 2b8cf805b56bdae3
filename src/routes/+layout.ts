import type { LayoutLoad } from './$types';
import { loadCatalog } from '$lib/i18n/load-catalog';

/** The page's language's messages, loaded alone (in the browser and for server rendering). */
export const load: LayoutLoad = async ({ data }) => ({ ...data, catalog: await loadCatalog(data.locale) });
