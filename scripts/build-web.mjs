// Builds the console (web/ → web/dist) with Vite; run by `npm install` (postinstall)
// so that `npm install && npm start` serves it. An install without dev
// dependencies has no Vite: then an existing web/dist is kept (a Docker image
// copies one in) and otherwise the reason is printed, without failing the install.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

// `--if-stale`: only when a file of the console (or the API types it is built from) is newer than web/dist.
const newest = (path) => {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).filter((n) => n !== 'dist' && n !== 'node_modules').map((n) => newest(join(path, n))));
};
const index = join(root, 'web/dist/index.html');
if (process.argv.includes('--if-stale') && existsSync(index) && newest(join(root, 'web')) <= statSync(index).mtimeMs) process.exit(0);

let vite;
try {
  require.resolve('vite/package.json', { paths: [root] });
  vite = await import('vite');
} catch {
  const dist = existsSync(new URL('../web/dist/index.html', import.meta.url));
  console.warn(`build-web: Vite is not installed (dev dependencies omitted); ${dist ? 'keeping the existing web/dist' : 'the console will not be served until `npm run build:web` runs with dev dependencies'}.`);
  process.exit(0);
}

const started = Date.now();
await vite.build({ configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
console.log(`build-web: web/dist built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
