// Entry of the merge worker (merge-pool.ts). Plain JavaScript, as a
// TypeScript worker entry fails under tsx on Node 20 (STACK-NOTES): the
// compiled build has merge-task.js beside this file; from the sources (tests,
// tsx) the worker registers tsx first.
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';

// On Linux a nice value belongs to a thread: a merge is background work, and yields the CPU to the event loop.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // Not permitted here: the merge runs at the service's priority.
  }
}

const compiled = new URL('./merge-task.js', import.meta.url);
let task;
if (existsSync(compiled)) {
  task = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  task = await import(new URL('./merge-task.ts', import.meta.url).href);
}

export default task.runMergeTask;
