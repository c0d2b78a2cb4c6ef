#!/usr/bin/env node
// The command-line tool runs the compiled JavaScript that `npm install` (or `npm run build`) writes to build/.
import { existsSync } from 'node:fs';

const entry = new URL('../build/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('clim: the tool has not been built yet: run `npm install` (or `npm run build`) in the project folder.\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
