import { stat } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The console may load nothing from anywhere but this service (issue #9). */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the console never answers for: the API's own 404 (JSON) stays the answer there. */
const NOT_CONSOLE = ['/api', '/docs', '/openapi.json', '/healthz', '/readyz'];

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Console not built</title></head>
<body><h1>The console has not been built</h1><p>The console has not been built: run <code>npm run build:web</code>, then reload this page.</p>
<p>The API is available at <a href="/docs">/docs</a>.</p></body></html>
`;

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/**
 * Serves the built console (`web/dist`) under `/`: its files, and index.html
 * for any other page a browser asks for (the single-page app routes itself).
 * Vite names files under `assets/` by their content hash, so those may be
 * cached for good; index.html must be revalidated so a new build is seen.
 */
export async function registerConsole(app: FastifyInstance, { distDir }: { distDir: string }) {
  // Encapsulated: swagger-ui registers its own copy of @fastify/static for /docs.
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: distDir, serve: false });

    const sendIndex = async (reply: FastifyReply) => {
      if (!(await isFile(join(distDir, 'index.html')))) {
        return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    };

    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      let path: string;
      try {
        path = decodeURIComponent(req.url.split('?')[0]);
      } catch {
        return reply.callNotFound(); // a malformed %-escape names no file
      }
      if (NOT_CONSOLE.some((p) => path === p || path.startsWith(`${p}/`))) return reply.callNotFound();
      reply.header('content-security-policy', CONSOLE_CSP);
      if (path === '/' || path === '/index.html') return sendIndex(reply);
      const rel = normalize(path).replace(/^[/\\]+/, '');
      if (!rel.startsWith(`..${sep}`) && rel !== '..' && (await isFile(join(distDir, rel)))) {
        const immutable = rel.startsWith(`assets${sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        return reply.sendFile(rel, { cacheControl: false });
      }
      if (req.headers.accept?.includes('text/html')) return sendIndex(reply);
      return reply.callNotFound();
    };

    const config = { policy: { public: true } } as const;
    scope.get('/', { config, schema: { hide: true } }, handler);
    scope.get('/*', { config, schema: { hide: true } }, handler);
  });
}
