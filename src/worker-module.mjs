// What the worker entries share. How one (plain JavaScript, as a TypeScript worker entry fails
// under tsx on Node 20: STACK-NOTES) loads its task module: the compiled
// build has `NAME.js` beside the entry; from the sources (tests, tsx) it
// registers tsx and loads `NAME.ts`.
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';

export async function loadTaskModule(entryUrl, name) {
  const compiled = new URL(`./${name}.js`, entryUrl);
  if (existsSync(compiled)) return import(compiled.href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(new URL(`./${name}.ts`, entryUrl).href);
}

/**
 * Lowers this thread's priority (on Linux a nice value belongs to a thread):
 * a worker's heavy work yields the CPU to the event loop, which answers
 * everyone, on a machine with few cores (issue #12.1).
 */
export function yieldToEventLoop() {
  if (process.platform !== 'linux') return;
  try {
    setPriority(10);
  } catch {
    // Not permitted here: the work runs at the service's priority.
  }
}
