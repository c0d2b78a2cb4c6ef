// Entry of the analysis worker (analysis-pool.ts).
import { loadTaskModule } from '../worker-module.mjs';

const task = await loadTaskModule(import.meta.url, 'analysis-task');

export default task.default;
