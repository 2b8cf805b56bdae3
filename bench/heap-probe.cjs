// Preloaded (`--expose-gc --require`) into every server under benchmark, Concerto and the
// reference alike: on SIGUSR2 it collects garbage and prints the live heap, so "heap per
// loaded workshop" compares settled heaps measured the same way on both, without adding a
// benchmark-only endpoint to the product. A no-op unless the benchmark sends the signal.
process.on('SIGUSR2', () => {
	if (typeof globalThis.gc === 'function') globalThis.gc();
	process.stdout.write(`bench-heap ${process.memoryUsage().heapUsed}\n`);
});
// The reference has no SIGTERM handler of its own, so SIGTERM killed it before --cpu-prof could
// write its profile (BENCH_REFERENCE_NODE_ARGS): exiting on it ends the process the same way.
if (process.env.BENCH_EXIT_ON_SIGTERM) process.on('SIGTERM', () => process.exit(0));
