// Builds the console (web/ → web/dist) with Vite; run by `npm install` (postinstall)
// so that `npm install && npm start` serves it. An install without dev
// dependencies has no Vite: then an existing web/dist is kept (a Docker image
// copies one in) and otherwise the reason is printed, without failing the install.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

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
