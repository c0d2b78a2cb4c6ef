// Entry of the analysis worker (analysis-pool.ts).
import { setPriority } from 'node:os';
import { loadTaskModule } from '../worker-module.mjs';

// On Linux a nice value belongs to a thread: working out a window is background work beside the event loop,
// which answers everyone; on a machine with few cores the event loop must get the CPU first (issue #12.1).
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // Not permitted here: the analyses run at the service's priority.
  }
}

const task = await loadTaskModule(import.meta.url, 'analysis-task');

export default task.default;
