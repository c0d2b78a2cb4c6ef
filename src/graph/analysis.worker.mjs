// Entry of the analysis worker (analysis-pool.ts).
import { loadTaskModule, yieldToEventLoop } from '../worker-module.mjs';

yieldToEventLoop();
const task = await loadTaskModule(import.meta.url, 'analysis-task');

export default task.default;
