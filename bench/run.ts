/**
 * `npm run bench`: Concerto's production build on PGlite and on PostgreSQL against a bare
 * `@y/websocket-server`, under the same load of real y-websocket and socket.io clients run
 * in worker processes. Prints the tables, writes bench/results/<date>-<n>.json and a chart,
 * and (full runs only) refreshes the README's table. Options: see `usage` below.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Workers } from './lib/workers.ts';
import { CONCERTO_BENCH_ENV, createBenchDatabase, startConcerto, startReference, type BenchServer } from './lib/servers.ts';
import type { BenchContext } from './lib/context.ts';
import { fanoutStage, type FanoutResult } from './scenarios/fanout.ts';
import { initialSyncStage } from './scenarios/initial-sync.ts';
import { commandRows, commandsStage } from './scenarios/commands.ts';
import { VOTE_SETTINGS, voteStage } from './scenarios/vote.ts';
import { memoryStage } from './scenarios/memory.ts';
import { sampleProc } from './lib/proc.ts';
import { latencyChart } from './lib/chart.ts';
import { markdownReport, ratiosOf, stageName, type BenchResults } from './lib/report.ts';
import { updateReadme } from './lib/readme.ts';
import { runName } from './lib/run-name.ts';

const usage = `npm run bench [-- options]
  --quick            small sizes, short stages; results go to bench/results/quick-*, README untouched
  --sizes=10,50      clients in one workshop (default 10,50,100,300,500,1000)
  --seconds=5        seconds of steady writing per measuring window (a fan-out row has three)
  --rate=10          notes per second per writer
  --stages=memory,fanout,workshops,sync,commands,vote   which stages to run (default: all; e.g. --stages=vote for the dot vote only)
  --participants=300 participants on /live in the command stage's first rows (offering 1,000 and 2,500 commands/s; a third row has 1,000 participants; --quick: 30, offering 3 and 6 per participant, then 90)
  --command-rows=300x1000,1000x1000   the command stage's rows instead (participants x commands/s offered)
  --voters=300       voters in the vote stage (closed loop, 10 s; --quick: 30 voters, 3 s)
  --no-build         use the existing build (default: \`npm run build\` first, so the code measured is the code checked out)
  BENCH_CONCERTO_NODE_ARGS  extra node flags for the Concerto servers (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof)
  BENCH_REFERENCE_NODE_ARGS the same for the reference server, to compare profiles
  BENCH_WORKER_NODE_ARGS    the same for the client workers (the load generator), e.g. to see where their CPU goes
  BENCH_CONCERTO_ENV        settings for the Concerto servers, to compare them (e.g. "CONCERTO_EDIT_WINDOW_MS=20 CONCERTO_COMMIT_WINDOW_MS=50")
  DATABASE_URL       admin URL of the PostgreSQL where a throwaway database is made (default postgres://postgres@127.0.0.1:5432/test)`;

const args = process.argv.slice(2);
if (args.includes('--help')) {
	console.log(usage);
	process.exit(0);
}
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = args.includes('--quick');
const sizes = (opt('sizes') ?? (quick ? '10,50' : '10,50,100,300,500,1000')).split(',').map(Number);
const grid = quick ? { workshops: 4, clients: 5 } : { workshops: 20, clients: 20 };
const participants = Number(opt('participants') ?? (quick ? 30 : 300));
/** e.g. --command-rows=300x1000 (participants × offered commands/s), to profile one row. */
const commandRowsOpt = opt('command-rows')
	?.split(',')
	.map((r) => r.split('x').map(Number))
	.map(([participants, offeredPerSecond]) => ({ participants, offeredPerSecond }));
const ALL_STAGES = ['memory', 'fanout', 'workshops', 'sync', 'commands', 'vote'];
const stages = new Set((opt('stages') ?? ALL_STAGES.join(',')).split(','));
for (const s of stages) if (!ALL_STAGES.includes(s)) throw new Error(`unknown stage ${s}; stages: ${ALL_STAGES.join(', ')}`);
const voteSettings = { ...VOTE_SETTINGS, voters: Number(opt('voters') ?? (quick ? 30 : VOTE_SETTINGS.voters)), seconds: quick ? 3 : VOTE_SETTINGS.seconds };
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
/** Past this, remaining stages are skipped (and listed) so a run stays bounded (a full run with N = 1,000 takes about 10 minutes on a quiet 2-core machine). */
const BUDGET_MS = 16 * 60_000;

const started = Date.now();
const skipped: string[] = [];
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const withinBudget = (stage: string) => {
	if (Date.now() - started < BUDGET_MS) return true;
	skipped.push(stage);
	log(`skipped ${stage}: time budget spent`);
	return false;
};

async function main(): Promise<void> {
	if (!args.includes('--no-build')) {
		log('npm run build');
		execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const database = await createBenchDatabase(adminUrl);
	const servers: BenchServer[] = [];
	// One worker for the writers, two sharing the observers: on 2 cores more processes only
	// add switching, fewer let one client's work delay another's (see fanout.ts).
	const workers = await Workers.start(3);
	const ctx: BenchContext = { workers, rate: Number(opt('rate') ?? 10), seconds: Number(opt('seconds') ?? (quick ? 2 : 5)), log };
	const results: BenchResults = {
		date: new Date().toISOString(),
		machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageAtStart: loadavg() },
		settings: { quick, stages: [...stages], sizes, grid, participants, vote: voteSettings, rate: ctx.rate, seconds: ctx.seconds, workers: workers.size, concertoEnv: CONCERTO_BENCH_ENV },
		memory: [],
		oneWorkshop: [],
		manyWorkshops: [],
		initialSync: [],
		commands: [],
		votes: [],
		ratios: [],
		durationSeconds: 0,
		skipped
	};
	try {
		// Started together: PGlite's first start (its initdb) is slow on a busy machine.
		const starting = [startReference(), startConcerto('concerto-pglite', ''), startConcerto('concerto-pg', database.url)];
		const settled = await Promise.allSettled(starting);
		for (const s of settled) if (s.status === 'fulfilled') servers.push(s.value);
		for (const s of settled) if (s.status === 'rejected') throw s.reason;
		log(`servers up: ${servers.map((s) => `${s.kind} ${s.base}`).join(', ')}`);
		// Memory first: at idle (PGlite's server has just made its new data directory, as on a first
		// `npm start`), then with boards loaded before other stages leave theirs in memory.
		const idleRss = new Map(servers.map((s) => [s, sampleProc(s.pid)?.rssBytes ?? null]));
		for (const server of stages.has('memory') ? servers : []) {
			const idle = idleRss.get(server);
			const r = await memoryStage(ctx, server, idle == null ? null : Math.round((idle / 1024 / 1024) * 10) / 10);
			results.memory!.push(r);
			log(`memory ${server.kind}: ${r.idleRssMb} MB idle, ${r.oneWorkshopRssMb} MB with 1 workshop, ${r.twentyWorkshopsRssMb} MB with 20`);
		}
		// Servers take turns stage by stage, so a slow patch of the machine (other work on it)
		// hits all three alike instead of one server's whole series.
		const fan = async (into: FanoutResult[], workshops: number, clients: number) => {
			for (const server of servers) {
				if (!withinBudget(`${server.kind} ${workshops}×${clients}`)) continue;
				const r = await fanoutStage(ctx, server, workshops, clients);
				into.push(r);
				log(`${stageName(r)} ${server.kind}: p50 ${r.latency.p50?.toFixed(1)} p99 ${r.latency.p99?.toFixed(1)} ms, ${r.delivered}/${r.expected} delivered, server CPU ${r.serverCpuPercent}% (${r.serverCpuUsPerMessage} µs/msg${r.databaseCpuUsPerMessage != null ? ` + PostgreSQL ${r.databaseCpuUsPerMessage}` : ''}), clients ${r.clientCpuPercent}%, machine ${r.machineCpuPercent}%`);
			}
		};
		if (stages.has('fanout')) for (const n of sizes) await fan(results.oneWorkshop, 1, n);
		if (stages.has('workshops')) await fan(results.manyWorkshops, grid.workshops, grid.clients);
		for (const server of stages.has('sync') ? servers : []) {
			if (!withinBudget(`${server.kind} initial sync`)) continue;
			const r = await initialSyncStage(ctx, server);
			results.initialSync.push(r);
			log(`initial sync ${server.kind}: ${r.warmMs.median} ms (cold ${r.coldMs?.median ?? 'n/a'} ms)`);
		}
		// Row by row, the servers taking turns (as in the fan-out stages).
		for (const row of stages.has('commands') ? (commandRowsOpt ?? commandRows(quick, participants)) : [])
			for (const server of servers.filter((s) => s.kind !== 'reference')) {
				if (!withinBudget(`${server.kind} commands ${row.participants} × ${row.offeredPerSecond}/s`)) continue;
				const r = await commandsStage(ctx, server, row.participants, row.offeredPerSecond);
				results.commands.push(r);
				log(
					`commands ${server.kind}, ${r.participants} participants offering ${r.offeredPerSecond}/s: ${r.commandsPerSecond} acknowledged/s, ack p50 ${r.ack.p50?.toFixed(1)} p99 ${r.ack.p99?.toFixed(1)} ms, ` +
						`${r.ok}/${r.sent} ok, ${r.notesOnBoard}/${r.ok} acknowledged notes on the board, server CPU ${r.serverCpuPercent}% (${r.cpuMsPerCommand} ms/command), RSS ${r.serverRssMb} MB (${r.rssKbPerConnection} KB/connection)`
				);
			}
		// No reference here: a bare y-websocket server has no votes.
		for (const server of stages.has('vote') ? servers.filter((s) => s.kind !== 'reference') : []) {
			if (!withinBudget(`${server.kind} vote`)) continue;
			const r = await voteStage(ctx, server, voteSettings);
			results.votes.push(r);
			log(`vote ${server.kind}: ${r.votesPerSecond} votes/s, ack p50 ${r.ack.p50?.toFixed(1)} p99 ${r.ack.p99?.toFixed(1)} ms, ${r.ok}/${r.sent} ok, tally ${r.tallyExact ? 'exact' : 'NOT exact'}`);
		}
	} finally {
		await workers.stop();
		await Promise.all(servers.map((s) => s.stop()));
		await database.drop().catch((e: Error) => log(`could not drop the bench database: ${e.message}`));
	}
	results.ratios = ratiosOf([...results.oneWorkshop, ...results.manyWorkshops]);
	results.durationSeconds = Math.round((Date.now() - started) / 1000);
	write(results);
}

function write(results: BenchResults): void {
	mkdirSync('bench/results', { recursive: true });
	const partial = quick || stages.size < ALL_STAGES.length || opt('sizes') !== undefined || opt('voters') !== undefined || commandRowsOpt !== undefined;
	// A second run the same day is written beside the first, never over it.
	const name = runName(readdirSync('bench/results'), `${partial ? 'quick-' : ''}${results.date.slice(0, 10)}`);
	const report = markdownReport(results, `bench/results/${name}.json`);
	console.log(`\n${report}\n`);
	writeFileSync(`bench/results/${name}.json`, JSON.stringify(results, null, '\t') + '\n');
	writeFileSync(`bench/results/${name}.svg`, latencyChart(results.oneWorkshop, `Fan-out latency vs N — ${results.date.slice(0, 16).replace('T', ' ')} UTC`));
	log(`wrote bench/results/${name}.json and ${name}.svg`);
	// Only a full run may stand as "the latest": the README must show a complete one.
	if (partial) return;
	copyFileSync(`bench/results/${name}.svg`, 'bench/results/latest.svg');
	log(updateReadme('README.md', report) ? 'README.md table updated' : 'README.md has no bench markers; not updated');
}

main().then(
	() => process.exit(0),
	(e: Error) => {
		console.error(e.stack ?? e.message);
		process.exit(1);
	}
);
