import type { FanoutResult } from '../scenarios/fanout.ts';
import type { InitialSyncResult } from '../scenarios/initial-sync.ts';
import type { CommandsResult } from '../scenarios/commands.ts';
import type { VoteResult } from '../scenarios/vote.ts';
import type { MemoryResult } from '../scenarios/memory.ts';
import type { ServerKind } from './servers.ts';

export interface BenchResults {
	date: string;
	machine: { cpus: number; model: string; node: string; loadAverageAtStart: number[] };
	settings: Record<string, unknown>;
	/** Absent from runs made before the memory stage existed. */
	memory?: MemoryResult[];
	oneWorkshop: FanoutResult[];
	manyWorkshops: FanoutResult[];
	initialSync: InitialSyncResult[];
	commands: CommandsResult[];
	votes: VoteResult[];
	ratios: Ratio[];
	durationSeconds: number;
	skipped: string[];
}

/** Concerto ÷ reference, same stage, same run. */
export interface Ratio {
	stage: string;
	server: ServerKind;
	p50: number | null;
	p99: number | null;
	serverCpu: number | null;
	rss: number | null;
}

const div = (a: number | null | undefined, b: number | null | undefined): number | null =>
	a === null || a === undefined || b === null || b === undefined || b === 0 ? null : Math.round((a / b) * 100) / 100;

export function ratiosOf(results: FanoutResult[]): Ratio[] {
	const out: Ratio[] = [];
	for (const r of results) {
		if (r.server === 'reference') continue;
		const ref = results.find((x) => x.server === 'reference' && x.workshops === r.workshops && x.clientsPerWorkshop === r.clientsPerWorkshop);
		if (!ref) continue;
		out.push({
			stage: stageName(r),
			server: r.server,
			p50: div(r.latency.p50, ref.latency.p50),
			p99: div(r.latency.p99, ref.latency.p99),
			// CPU per delivered message (a busy machine stretches the window, not the work done);
			// PostgreSQL's backends work for Concerto too: counted with it, as PGlite is in-process.
			// Results written before that figure existed fall back to CPU percentages.
			serverCpu:
				r.serverCpuUsPerMessage != null && ref.serverCpuUsPerMessage != null
					? div(r.serverCpuUsPerMessage + (r.databaseCpuUsPerMessage ?? 0), ref.serverCpuUsPerMessage)
					: div(r.serverCpuPercent === null ? null : r.serverCpuPercent + (r.databaseCpuPercent ?? 0), ref.serverCpuPercent),
			rss: div(r.serverRssMb, ref.serverRssMb)
		});
	}
	return out;
}

export const stageName = (r: FanoutResult) => (r.workshops === 1 ? `N=${r.clients}` : `${r.workshops}×${r.clientsPerWorkshop}`);

const f = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));
const x = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v.toFixed(2)}×`);

/** The fan-out table (Markdown, also readable in a terminal), with ratios to the reference. */
export function fanoutTable(results: BenchResults): string {
	const rows = [
		'| stage | server | p50 ms | p95 ms | p99 ms | p99 ÷ ref | delivered | msg/s | server CPU % | + PostgreSQL CPU % | CPU µs/msg | CPU ÷ ref | RSS MB | heap MB/workshop | client CPU % | machine CPU % |',
		'|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|'
	];
	for (const r of [...results.oneWorkshop, ...results.manyWorkshops]) {
		const ratio = results.ratios.find((q) => q.stage === stageName(r) && q.server === r.server);
		rows.push(
			`| ${stageName(r)} | ${r.server} | ${f(r.latency.p50)} | ${f(r.latency.p95)} | ${f(r.latency.p99)} | ${r.server === 'reference' ? '1' : x(ratio?.p99)} | ` +
				`${r.delivered}/${r.expected}${r.duplicates ? ` (+${r.duplicates} dup.)` : ''}${r.disconnects ? ` (${r.disconnects} disc.)` : ''} | ${r.messagesPerSecond ?? '–'} | ${f(r.serverCpuPercent, 0)} | ${r.server === 'concerto-pg' ? f(r.databaseCpuPercent, 0) : '–'} | ${cpuPerMessage(r)} | ${r.server === 'reference' ? '1' : x(ratio?.serverCpu)} | ` +
				`${f(r.serverRssMb, 0)} | ${f(r.heapPerWorkshopMb, 2)} | ${f(r.clientCpuPercent, 0)} | ${f(r.machineCpuPercent, 0)} |`
		);
	}
	return rows.join('\n');
}

/** Server CPU per delivered message, µs, PostgreSQL's backends included (what CPU ÷ ref compares). */
function cpuPerMessage(r: FanoutResult): string {
	if (r.serverCpuUsPerMessage == null) return '–';
	return f(r.serverCpuUsPerMessage + (r.databaseCpuUsPerMessage ?? 0));
}

export function syncTable(results: BenchResults): string {
	const rows = ['| server | notes | new client, board in memory: median / max ms | board loaded from the database: median / max ms | bytes |', '|---|--:|--:|--:|--:|'];
	for (const r of results.initialSync)
		rows.push(
			`| ${r.server} | ${r.notes} | ${f(r.warmMs.median)} / ${f(r.warmMs.max)} | ${r.coldMs ? `${f(r.coldMs.median)} / ${f(r.coldMs.max)}` : 'n/a'} | ${r.bytes} |`
		);
	return rows.join('\n');
}

export function commandsTable(results: BenchResults): string {
	const rows = [
		'| server | participants | offered /s | acknowledged /s | ok / sent | errors | ack p50 ms | ack p99 ms | acknowledged notes on board | server CPU % | + PostgreSQL CPU % | CPU ms / command | RSS MB | RSS KB / connection | CPU % / connection | client CPU % | machine CPU % |',
		'|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|'
	];
	for (const r of results.commands) {
		const errors = Object.entries(r.errors).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
		rows.push(
			`| ${r.server} | ${r.participants} | ${r.offeredPerSecond} | ${r.commandsPerSecond} | ${r.ok}/${r.sent} | ${errors} | ${f(r.ack.p50)} | ${f(r.ack.p99)} | ${r.notesOnBoard}/${r.ok} | ${f(r.serverCpuPercent, 0)} | ${r.server === 'concerto-pg' ? f(r.databaseCpuPercent, 0) : '–'} | ` +
				`${f(r.cpuMsPerCommand, 2)} | ${f(r.serverRssMb, 0)} | ${f(r.rssKbPerConnection, 0)} | ${f(r.cpuPercentPerConnection, 3)} | ${f(r.clientCpuPercent, 0)} | ${f(r.machineCpuPercent, 0)} |`
		);
	}
	return rows.join('\n');
}

/**
 * Issue 15's targets for the command path, at 300 participants: ack p99 < 250 ms when offered
 * 1,000 commands/s; when offered more (the row above 1,000/s), ≥ 1,000 acknowledged/s on
 * PGlite and ≥ 2,000/s on PostgreSQL — a capacity, which a row offering exactly the target
 * could only show within its counting noise; every acknowledged note on the board. Rows of
 * other sizes (1,000 participants, --quick) are printed with their figures, unjudged but for the notes.
 */
export function commandTargetLines(results: BenchResults): string[] {
	const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
	return results.commands.map((r) => {
		const room = r.participants === 300;
		const floor = r.server === 'concerto-pglite' ? 1000 : 2000;
		const rate = `${r.commandsPerSecond} acknowledged/s${room && r.offeredPerSecond > 1000 ? ` (target ≥ ${floor.toLocaleString('en')} when offered more: ${met(r.commandsPerSecond >= floor)})` : ''}`;
		const p99 = `ack p99 ${f(r.ack.p99)} ms${room && r.offeredPerSecond === 1000 ? ` (target < 250: ${met(r.ack.p99 !== null && r.ack.p99 < 250)})` : ''}`;
		const present = `every acknowledged note on the board: ${met(r.notesOnBoard === r.ok)} (${r.notesOnBoard}/${r.ok})`;
		return `${r.server} commands, ${r.participants} participants offering ${r.offeredPerSecond}/s: ${rate}, ${p99}, ${present}`;
	});
}

export function voteTable(results: BenchResults): string {
	const rows = [
		'| server | voters | items | dots / cap | acknowledged votes/s | ok / sent | errors | ack p50 ms | ack p99 ms | all voters’ ballots full after (p50 / max ms) | revealed tally | server CPU % | + PostgreSQL CPU % |',
		'|---|--:|--:|--:|--:|--:|---|--:|--:|--:|---|--:|--:|'
	];
	for (const r of results.votes) {
		const errors = Object.entries(r.errors).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
		const tally = `${r.tallyExact ? 'exact' : '**NOT exact**'}: ${r.tallyDots.revealed ?? '–'}/${r.tallyDots.expected} dots, ${r.tallyVoters.revealed ?? '–'}/${r.tallyVoters.expected} voters${r.uncertain ? ` (${r.uncertain} voters with an unknown outcome)` : ''}`;
		rows.push(
			`| ${r.server} | ${r.voters} | ${r.items} | ${r.dots} / ${r.cap} | ${r.votesPerSecond} | ${r.ok}/${r.sent} | ${errors} | ${f(r.ack.p50)} | ${f(r.ack.p99)} | ${f(r.fullBallotMs.p50, 0)} / ${f(r.fullBallotMs.max, 0)} (${r.fullBallots}/${r.voters}) | ${tally} | ${f(r.serverCpuPercent, 0)} | ${r.server === 'concerto-pg' ? f(r.databaseCpuPercent, 0) : '–'} |`
		);
	}
	return rows.join('\n');
}

/** Resident memory of each server process (PostgreSQL's own processes are not counted for concerto-pg). */
export function memoryTable(results: BenchResults): string {
	const rows = ['| server | RSS MB just started | with 1 workshop | with 20 workshops | notes per board |', '|---|---|---|---|---|'];
	for (const r of results.memory ?? [])
		rows.push(`| ${r.server} | ${f(r.idleRssMb, 0)} | ${f(r.oneWorkshopRssMb, 0)} | ${f(r.twentyWorkshopsRssMb, 0)} | ${r.notesPerWorkshop} |`);
	return rows.join('\n');
}

/** Issue 10's targets for the vote (PostgreSQL): ≥ 2,000 acknowledged votes/s, ack p99 < 250 ms, the tally exact. */
export function voteTargetLines(results: BenchResults): string[] {
	return results.votes.map((r) => {
		const pg = r.server === 'concerto-pg';
		const rate = `${r.votesPerSecond} votes/s${pg ? ` (target ≥ 2,000: ${r.votesPerSecond >= 2000 ? 'met' : 'NOT met'})` : ''}`;
		const p99 = `ack p99 ${f(r.ack.p99)} ms${pg ? ` (target < 250: ${r.ack.p99 !== null && r.ack.p99 < 250 ? 'met' : 'NOT met'})` : ''}`;
		// DESIGN.md: "300 participants vote within 10 s: every vote acknowledged once, tally exact".
		const full = r.fullBallots === r.voters && r.fullBallotMs.max !== null && r.fullBallotMs.max < 10_000;
		const within = `every voter's dots all placed within 10 s: ${full ? 'met' : 'NOT met'} (last after ${f(r.fullBallotMs.max === null ? null : r.fullBallotMs.max / 1000)} s)`;
		return `${r.server} vote, ${r.voters} voters: ${rate}, ${p99}, ${within}, revealed tally equal to the acknowledged votes: ${r.tallyExact ? 'yes' : 'NO'}${pg ? '' : ' (the throughput targets are set for PostgreSQL)'}`;
	});
}

/**
 * The fan-out targets checked against this run: DESIGN.md's at N = 300 (p99 < 100 ms, ≤ 1.2× the
 * reference) with issue 15's CPU per delivered message (≤ 1.3× the reference's), and at
 * N = 1,000 (p99 < 250 ms, ≤ 1.1× the reference).
 */
export function targetLines(results: BenchResults): string[] {
	const out: string[] = [];
	const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
	const within = (v: number | null | undefined, limit: number) => v !== null && v !== undefined && v <= limit;
	for (const r of results.oneWorkshop.filter((q) => (q.clients === 300 || q.clients === 1000) && q.server !== 'reference')) {
		const ratio = results.ratios.find((q) => q.stage === stageName(r) && q.server === r.server);
		const p99 = r.latency.p99;
		const [p99Limit, ratioLimit] = r.clients === 300 ? [100, 1.2] : [250, 1.1];
		out.push(
			`${r.server} at N=${r.clients}: p99 ${f(p99)} ms (target < ${p99Limit}: ${met(p99 !== null && p99 < p99Limit)}), ` +
				`p99 ÷ reference ${x(ratio?.p99)} (target ≤ ${ratioLimit}: ${met(within(ratio?.p99, ratioLimit))})` +
				(r.clients === 300 ? `, CPU per delivered message ÷ reference ${x(ratio?.serverCpu)} (target ≤ 1.3: ${met(within(ratio?.serverCpu, 1.3))})` : '')
		);
	}
	return out;
}

/** The run's tables; `file` names the results file they come from. */
export function markdownReport(results: BenchResults, file?: string): string {
	// A section per stage that ran (a run of some stages only, e.g. --stages=vote, prints those).
	const section = (rows: number, head: string, table: () => string) => (rows > 0 ? ['', head, '', table()] : []);
	return [
		`Run of ${results.date} on ${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}, ` +
			`load average at start ${results.machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(' / ')}; ${results.durationSeconds} s in all` +
			(file ? ` (figures in \`${file}\`).` : '.'),
		...section(
			results.memory?.length ?? 0,
			'**Memory** (resident set of the server process; concerto-pglite holds its database inside, concerto-pg’s PostgreSQL is a separate server; ' +
				'"just started" is a first start on a new data directory):',
			() => memoryTable(results)
		),
		...section(
			results.oneWorkshop.length + results.manyWorkshops.length,
			'**Fan-out** (one writer per workshop, everyone else observes; three measuring windows in a row per row: latencies pooled, CPU figures those of the median window; ' +
				'latency from the writer’s insert to each observer’s copy; ' +
				'CPU in % of one core; CPU µs/msg = the server’s CPU time over a window per message delivered to an observer, and CPU ÷ ref compares it, ' +
				'both counting concerto-pg’s PostgreSQL backends with it (PGlite runs inside the server process); ' +
				'machine CPU = all processes of the 2-core machine, ours and others’):',
			() => fanoutTable(results)
		),
		...section(results.initialSync.length, '**Initial sync** of a board of 1,000 notes by a new participant:', () => syncTable(results)),
		...section(
			results.commands.length,
			'**Command path** (`note.add` on `/live`, acknowledged once stored; open loop, each participant on its own timer, the facilitator’s board open, after 2 s of warm-up not counted; ' +
				'acknowledged /s counted in the steady part of the run, the first fifth left out; CPU ms / command counts concerto-pg’s PostgreSQL backends with it; ' +
				'RSS KB / connection is the server’s growth as the participants’ sockets opened):',
			() => commandsTable(results)
		),
		...section(
			results.votes.length,
			`**Dot vote** (\`vote.set\` on \`/live\`, acknowledged once stored; closed loop: each voter sends its next vote on the previous one’s acknowledgement, for ${results.votes[0]?.seconds} s; ` +
				'a vote sets one item’s dots, 0 withdraws; the tally is read after `vote.reveal`):',
			() => voteTable(results)
		),
		'',
		...targetLines(results).map((l) => `- ${l}`),
		...commandTargetLines(results).map((l) => `- ${l}`),
		...voteTargetLines(results).map((l) => `- ${l}`),
		...(results.skipped.length ? ['', `Skipped to stay within the time budget: ${results.skipped.join(', ')}.`] : [])
	].join('\n');
}
