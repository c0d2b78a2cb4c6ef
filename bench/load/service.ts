// The service under test as its own process on a real port, and what the
// phases read from outside it: readiness, resident memory, percentiles.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : 0);

/** The resident memory of a process, from the kernel, in MB. */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

export async function waitReady(base: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * The service as `npm start` runs it (the compiled build, rebuilt first if a source is newer), with `env` over
 * this process's environment; errors go to this process's stderr.
 */
/** BENCH_CPU_PROF=folder: the service writes V8 CPU profiles there (one per thread) when it stops. */
const profiling = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];

export function spawnService(env: Record<string, string>): ChildProcess {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
  return spawn(process.execPath, [...profiling, '--enable-source-maps', 'build/src/server.js'], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * Asks the service to shut down, and kills it if it has not gone within
 * `graceMs`: a service stalled on its event loop would otherwise wait for
 * its in-flight requests for the whole shutdown timeout.
 */
export async function stopService(server: ChildProcess, graceMs = 10_000): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
