import type { FanoutResult } from '../scenarios/fanout.ts';
import type { ServerKind } from './servers.ts';

const COLORS: Record<ServerKind, string> = { reference: '#6b7280', 'concerto-pglite': '#2563eb', 'concerto-pg': '#d97706' };
const W = 720;
const H = 400;
const PAD = { left: 64, right: 170, top: 40, bottom: 56 };

/**
 * Fan-out latency against N (one workshop) as a standalone SVG: p99 solid, p50 dashed, one
 * colour per server. N is placed on a log scale, since the stages grow geometrically.
 */
export function latencyChart(results: FanoutResult[], title: string): string {
	const ns = [...new Set(results.map((r) => r.clients))].sort((a, b) => a - b);
	const values = results.flatMap((r) => [r.latency.p50, r.latency.p99]).filter((v): v is number => v !== null);
	if (ns.length === 0 || values.length === 0) return svg([`<text x="20" y="40">no data</text>`]);
	const yMax = niceCeil(Math.max(...values, 1));
	const lx = (n: number) => Math.log10(n);
	const [x0, x1] = [lx(ns[0]), lx(ns[ns.length - 1])];
	const px = (n: number) => PAD.left + (x1 === x0 ? 0.5 : (lx(n) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
	const py = (v: number) => H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
	const parts: string[] = [];
	parts.push(`<text x="${PAD.left}" y="24" font-size="15" font-weight="bold">${esc(title)}</text>`);
	for (let i = 0; i <= 5; i++) {
		const v = (yMax / 5) * i;
		parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(v)}" y2="${py(v)}" stroke="#e5e7eb"/>`);
		parts.push(`<text x="${PAD.left - 8}" y="${py(v) + 4}" text-anchor="end">${+v.toFixed(1)}</text>`);
	}
	for (const n of ns) parts.push(`<text x="${px(n)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${n}</text>`);
	parts.push(`<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 14}" text-anchor="middle">clients in one workshop (N, log scale)</text>`);
	parts.push(`<text transform="translate(16 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">fan-out latency, ms</text>`);
	// The DESIGN.md target, when it is on the chart.
	if (yMax >= 100) parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(100)}" y2="${py(100)}" stroke="#dc2626" stroke-dasharray="2 4"/>`);
	let legendY = PAD.top + 8;
	for (const server of Object.keys(COLORS) as ServerKind[]) {
		const rows = results.filter((r) => r.server === server).sort((a, b) => a.clients - b.clients);
		if (!rows.length) continue;
		for (const [key, dash] of [['p99', ''], ['p50', ' stroke-dasharray="6 4"']] as const) {
			const pts = rows.filter((r) => r.latency[key] !== null).map((r) => `${px(r.clients).toFixed(1)},${py(r.latency[key]!).toFixed(1)}`);
			parts.push(`<polyline fill="none" stroke="${COLORS[server]}" stroke-width="2"${dash} points="${pts.join(' ')}"/>`);
			for (const p of pts) parts.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${COLORS[server]}"/>`);
			parts.push(`<line x1="${W - PAD.right + 12}" x2="${W - PAD.right + 36}" y1="${legendY}" y2="${legendY}" stroke="${COLORS[server]}" stroke-width="2"${dash}/>`);
			parts.push(`<text x="${W - PAD.right + 42}" y="${legendY + 4}">${server} ${key}</text>`);
			legendY += 20;
		}
	}
	if (yMax >= 100) parts.push(`<text x="${W - PAD.right + 12}" y="${legendY + 8}" fill="#dc2626">target p99 &lt; 100 ms</text>`);
	return svg(parts);
}

function svg(parts: string[]): string {
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">\n` +
		`<rect width="${W}" height="${H}" fill="white"/>\n${parts.join('\n')}\n</svg>\n`
	);
}

function niceCeil(v: number): number {
	const p = 10 ** Math.floor(Math.log10(v));
	for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
	return 10 * p;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
