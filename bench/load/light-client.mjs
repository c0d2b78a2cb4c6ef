// The light requests' client (windows.ts), in a thread of its own: in the
// attacker's event loop a light request waited behind the attacker's own
// fetches being set up before it even left, which a user on another machine
// never does. Sends /readyz and the returns history every `everyMs`, whether
// or not earlier ones were answered, and posts each one's send time (ms since
// the epoch, performance clock), duration and failure.
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';

const { base, token, paths, everyMs } = workerData;
const now = () => performance.timeOrigin + performance.now();
let running = true;
const out = new Set();

async function timeOne(path) {
  const sentAt = now();
  let failure = null;
  try {
    const res = await fetch(`${base}${path}`, { headers: path === '/readyz' ? {} : { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) });
    await res.arrayBuffer();
    if (res.status !== 200) failure = `${path} ${res.status}`;
  } catch (err) {
    failure = `${path} ${err.name === 'TimeoutError' ? 'no answer' : err.message}`;
  }
  parentPort.postMessage({ sentAt, ms: now() - sentAt, failure });
}

parentPort.on('message', () => (running = false));
while (running) {
  for (const path of paths) {
    const one = timeOne(path);
    out.add(one);
    void one.finally(() => out.delete(one));
  }
  await sleep(everyMs);
}
await Promise.all(out);
parentPort.close();
