// postgres.js 3.4.x writes to a socket that a dropped connection has already
// nulled (porsager/postgres#1154, #1208; fixes proposed in PRs #1176, #1209, not
// yet released): the TypeError is thrown from a setImmediate callback, so no
// caller can catch it and the whole service dies when PostgreSQL restarts
// mid-transaction. This guards the write and settles the waiting queries
// with CONNECTION_CLOSED instead, which the service answers with a 503.
// Idempotent; fails loudly if a new postgres.js no longer has the code it patches.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MARK = '/* clim: guarded nextWrite */';
const BEFORE = '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
const AFTER = `  function nextWrite(fn) {
    ${MARK}
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options, socket))
      return false
    }
    const x = socket.write(chunk, fn)`;

let root;
try {
  root = dirname(createRequire(import.meta.url).resolve('postgres'));
} catch {
  process.exit(0); // not installed; nothing to patch
}
const isPostgres = (dir) => existsSync(join(dir, 'package.json')) && JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'postgres';
while (!isPostgres(root)) {
  if (dirname(root) === root) throw new Error('patch-postgres: cannot find the postgres package folder');
  root = dirname(root);
}
for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  if (text.includes(MARK)) continue;
  if (!text.includes(BEFORE)) {
    console.error(`patch-postgres: ${path} no longer has the code this patch guards; check whether postgres.js fixed #1208 and drop the patch`);
    process.exit(1);
  }
  writeFileSync(path, text.replace(BEFORE, AFTER));
}
