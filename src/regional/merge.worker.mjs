// Entry of the merge worker (merge-pool.ts).
import { setPriority } from 'node:os';
import { loadTaskModule } from '../worker-module.mjs';

// On Linux a nice value belongs to a thread: a merge is background work, and yields the CPU to the event loop.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // Not permitted here: the merge runs at the service's priority.
  }
}

const task = await loadTaskModule(import.meta.url, 'merge-task');

export default task.runMergeTask;
