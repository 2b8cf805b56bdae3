/**
 * Where to send a visitor back to, taken from a form or a query: only a path on this site.
 * "//evil.example" and "/\evil.example" are protocol-relative URLs to browsers, so they are
 * refused like absolute URLs (open-redirect).
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || value.length > 2000) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	// Control characters and backslashes have no business in our paths and confuse URL parsers.
	// eslint-disable-next-line no-control-regex -- matching control characters is the point here
	if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
	try {
		const url = new URL(value, 'http://concerto.invalid');
		if (url.origin !== 'http://concerto.invalid') return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}
