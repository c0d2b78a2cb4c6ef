// Compiles the service and the CLI to JavaScript in build/, so neither
// transpiles TypeScript at start (issue #12: `clim --help` and service start).
// Runs at install, and before `npm start` / `npm test` when a source is newer
// than the last build. `--if-stale` skips the compiler when nothing changed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
const stamp = join(out, '.tsbuildinfo');
const sources = ['src', 'db/schema', 'tsconfig.json', 'tsconfig.build.json'];

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const stale = () => !existsSync(stamp) || Math.max(...sources.map((p) => newestMtime(join(root, p)))) > statSync(stamp).mtimeMs;

if (process.argv.includes('--if-stale') && !stale()) process.exit(0);

let tsc;
try {
  tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
} catch {
  // An install without dev dependencies (`npm ci --omit=dev`) has no compiler: it must ship a build/ made beforehand.
  console.error(existsSync(stamp) ? 'typescript is not installed: keeping the existing build/' : 'typescript is not installed: cannot build; run `npm install` with dev dependencies');
  process.exit(0);
}
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
// What tsc does not emit: the workbook worker's plain JavaScript (migrations and the console are read from the project folder).
cpSync(join(root, 'src'), join(out, 'src'), { recursive: true, filter: (p) => statSync(p).isDirectory() || p.endsWith('.mjs') });
// tsc leaves an unchanged build's info file as it was: touch it so the staleness check sees this build.
const now = new Date();
utimesSync(stamp, now, now);
console.error(`built ${relative(process.cwd(), out) || '.'}`);
