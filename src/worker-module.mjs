// How a worker entry (plain JavaScript, as a TypeScript worker entry fails
// under tsx on Node 20: STACK-NOTES) loads its task module: the compiled
// build has `NAME.js` beside the entry; from the sources (tests, tsx) it
// registers tsx and loads `NAME.ts`.
import { existsSync } from 'node:fs';

export async function loadTaskModule(entryUrl, name) {
  const compiled = new URL(`./${name}.js`, entryUrl);
  if (existsSync(compiled)) return import(compiled.href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(new URL(`./${name}.ts`, entryUrl).href);
}
