// Entry of the analysis worker (analysis-pool.ts). Plain JavaScript, as a
// TypeScript worker entry fails under tsx on Node 20 (STACK-NOTES): the
// compiled build (build/, what the service runs) has analysis-task.js beside
// this file; from the sources (tests, tsx) the worker registers tsx first.
import { existsSync } from 'node:fs';

const compiled = new URL('./analysis-task.js', import.meta.url);
let task;
if (existsSync(compiled)) {
  task = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  task = await import(new URL('./analysis-task.ts', import.meta.url).href);
}

export default task.default;
