import type { LayoutLoad } from './$types';

/** A participant's pages (and the way in) show the compact participant header, not the site's: no account links, no sign-in. */
export const load: LayoutLoad = () => ({ chrome: 'none' as const });
