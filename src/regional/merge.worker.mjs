// Entry of the merge worker (merge-pool.ts).
import { loadTaskModule, yieldToEventLoop } from '../worker-module.mjs';

yieldToEventLoop();
const task = await loadTaskModule(import.meta.url, 'merge-task');

export default task.runMergeTask;
