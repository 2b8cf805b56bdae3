import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Reply, Request } from './protocol.ts';
import { envWords } from './servers.ts';

const WORKER = fileURLToPath(new URL('../client-worker.ts', import.meta.url));

/** The client worker processes, each answering requests over IPC. */
export class Workers {
	private readonly children: ChildProcess[] = [];
	private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
	private nextId = 1;

	static async start(count: number): Promise<Workers> {
		const w = new Workers();
		await Promise.all(Array.from({ length: count }, () => w.spawnOne()));
		return w;
	}

	get size(): number {
		return this.children.length;
	}

	get pids(): number[] {
		return this.children.map((c) => c.pid!);
	}

	private spawnOne(): Promise<void> {
		// The loader (tsx) comes with process.execArgv; a larger heap for hundreds of documents.
		const child = fork(WORKER, [], { execArgv: [...process.execArgv, '--max-old-space-size=4096', ...envWords('BENCH_WORKER_NODE_ARGS')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		this.children.push(child);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('client worker did not start')), 30_000);
			child.on('message', (m: Reply) => {
				if (m.id === 0) {
					clearTimeout(timer);
					return resolve();
				}
				const w = this.waiting.get(m.id);
				if (!w) return;
				this.waiting.delete(m.id);
				if (m.ok) w.resolve(m.value);
				else w.reject(new Error(m.error));
			});
			child.once('exit', (code, signal) => {
				clearTimeout(timer);
				reject(new Error(`client worker exited (${code ?? signal})`));
				for (const [, w] of this.waiting) w.reject(new Error(`client worker exited (${code ?? signal})`));
				this.waiting.clear();
			});
		});
	}

	/** One request to worker `i`; rejects after `timeoutMs`. */
	ask<T>(i: number, req: Request, timeoutMs = 120_000): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiting.delete(id);
				reject(new Error(`worker ${i} did not answer ${req.op} within ${timeoutMs} ms`));
			}, timeoutMs);
			this.waiting.set(id, {
				resolve: (v) => {
					clearTimeout(timer);
					resolve(v as T);
				},
				reject: (e) => {
					clearTimeout(timer);
					reject(e);
				}
			});
			this.children[i].send({ id, req });
		});
	}

	all<T>(req: Request | ((i: number) => Request), timeoutMs?: number): Promise<T[]> {
		return Promise.all(this.children.map((_, i) => this.ask<T>(i, typeof req === 'function' ? req(i) : req, timeoutMs)));
	}

	async stop(): Promise<void> {
		await Promise.all(
			this.children.map(
				(c) =>
					new Promise<void>((resolve) => {
						if (c.exitCode !== null || c.signalCode !== null) return resolve();
						const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
						c.once('exit', () => {
							clearTimeout(timer);
							resolve();
						});
						c.kill('SIGTERM');
					})
			)
		);
	}
}
