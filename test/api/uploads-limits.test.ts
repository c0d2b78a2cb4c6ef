import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { toXlsx, validReturn } from '../matrix/fixtures.js';
import { multipartBody } from '../helpers/upload.js';

// Issue #12, point 2, on a real port: uploads that never send their closing
// boundary must not hold the service's memory, must be capped per user and in
// all, and must be cut off when they stall or drag on. The server runs in this
// process, so its memory is this process's RSS.

const MB = 1024 * 1024;
const BOUNDARY = '----climHang';

interface OpenUpload {
  socket: Socket;
  /** Everything the server sent, once it closed the connection (or the test did). */
  answer: Promise<string>;
}

/** An upload of `bytes` of file content whose body declares more than it sends: it never finishes unless `finish` is called. */
function hangingUpload(port: number, token: string, bytes: Buffer): OpenUpload {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="hang.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const socket = connect(port, '127.0.0.1');
  socket.write(
    `POST /api/v1/returns HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${head.length + bytes.length + 64 * MB}\r\n\r\n`,
  );
  socket.write(head);
  socket.write(bytes);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  const answer = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', () => {});
  });
  return { socket, answer };
}

const statusOf = (raw: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
const bodyOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await what();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The upload files waiting in the folder, and their total size. */
async function waiting(dir: string): Promise<{ files: number; bytes: number }> {
  const names = (await readdir(dir)).filter((n) => n.startsWith('clim-upload-'));
  let bytes = 0;
  for (const n of names) bytes += (await stat(join(dir, n)).catch(() => ({ size: 0 }))).size;
  return { files: names.length, bytes };
}

const rss = () => process.memoryUsage().rss;

describe('uploads that never finish', () => {
  const USERS = 10;
  const EACH = 8 * MB;
  let ctx: TestContext;
  let port: number;
  let dir: string;
  let analysts: Awaited<ReturnType<TestContext['login']>>[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clim-uploads-test-'));
    ctx = await createTestContext({
      env: { UPLOAD_TMP_DIR: dir, UPLOADS_PER_USER: '2', UPLOADS_TOTAL: String(USERS * 2), UPLOAD_IDLE_TIMEOUT_MS: '600000', UPLOAD_TOTAL_TIMEOUT_MS: '600000' },
    });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    port = (ctx.app.server.address() as AddressInfo).port;
    analysts = await Promise.all(Array.from({ length: USERS }, () => ctx.login('FORCE_ANALYST', { force: 'LEI' })));
  });
  afterAll(async () => {
    await ctx?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keep their files on disk, not in memory, the service answering, and release everything when they close', async () => {
    const bytes = Buffer.alloc(EACH, 0x41);
    const base = `http://127.0.0.1:${port}`;
    // Warm the routes used below, so their first-use cost is not counted as the uploads'.
    await fetch(`${base}/readyz`);
    await fetch(`${base}/api/v1/returns`, { headers: analysts[0].headers });
    global.gc?.();
    const before = rss();

    const open = analysts.flatMap((a) => [hangingUpload(port, a.token, bytes), hangingUpload(port, a.token, bytes)]);
    // Every byte sent has reached the server's disk: 20 files of 8 MB.
    await until(() => waiting(dir), (w) => w.files === open.length && w.bytes === open.length * EACH);
    const during = rss();

    // While they hang, the service still answers a health check and a light read.
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const history = await fetch(`${base}/api/v1/returns`, { headers: analysts[0].headers });
    expect(history.status).toBe(200);

    // A third upload from a user with two in progress is refused at once, naming the limit…
    const third = hangingUpload(port, analysts[0].token, bytes);
    const thirdAnswer = await third.answer;
    expect(statusOf(thirdAnswer)).toBe(429);
    expect(bodyOf(thirdAnswer).error).toMatchObject({ code: 'uploads.too_many_for_user', message: expect.stringMatching(/limit is 2/) });
    // …and so is one from anyone while the service is receiving as many as it takes.
    const newcomer = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    const busy = await hangingUpload(port, newcomer.token, bytes).answer;
    expect(statusOf(busy)).toBe(429);
    expect(bodyOf(busy).error.code).toBe('uploads.busy');

    for (const u of open) u.socket.destroy();
    await Promise.all(open.map((u) => u.answer));
    // Their files are removed and their slots given back: the same user can upload at once.
    await until(() => waiting(dir), (w) => w.files === 0);
    global.gc?.();
    const after = rss();
    const valid = multipartBody(await toXlsx(validReturn()));
    const res = await fetch(`${base}/api/v1/returns`, { method: 'POST', headers: { ...analysts[0].headers, 'content-type': valid.contentType }, body: new Uint8Array(valid.payload) });
    expect([201, 422]).toContain(res.status);

    const sent = open.length * EACH;
    // Held in memory, the bodies alone would add 160 MB; streamed to disk, far less than half of that.
    expect(during - before, `RSS ${(before / MB).toFixed(0)} → ${(during / MB).toFixed(0)} MB while ${sent / MB} MB hung`).toBeLessThan(sent / 3);
    expect(after - before, `RSS ${(before / MB).toFixed(0)} → ${(after / MB).toFixed(0)} MB after they closed`).toBeLessThan(sent / 3);
  });
});

describe('uploads that stall or drag on', () => {
  let ctx: TestContext;
  let port: number;
  let dir: string;
  let token: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clim-uploads-test-'));
    ctx = await createTestContext({ env: { UPLOAD_TMP_DIR: dir, UPLOAD_IDLE_TIMEOUT_MS: '400', UPLOAD_TOTAL_TIMEOUT_MS: '1500', UPLOAD_MAX_BYTES: String(2 * MB) } });
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    port = (ctx.app.server.address() as AddressInfo).port;
    token = (await ctx.login('FORCE_ANALYST', { force: 'LEI' })).token;
  });
  afterAll(async () => {
    await ctx?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('cuts off a body that stops sending with 408, closes the connection and removes its file', async () => {
    const upload = hangingUpload(port, token, Buffer.alloc(MB, 0x42));
    const raw = await upload.answer;
    expect(statusOf(raw)).toBe(408);
    expect(bodyOf(raw).error).toMatchObject({ code: 'uploads.stalled', message: expect.stringMatching(/sent nothing for 400 ms/) });
    await until(() => waiting(dir), (w) => w.files === 0);
  });

  it('cuts off a body that keeps trickling past the total limit', async () => {
    const upload = hangingUpload(port, token, Buffer.alloc(1024, 0x43));
    // A byte every 100 ms: never idle, never done.
    const drip = setInterval(() => upload.socket.writable && upload.socket.write('D'), 100);
    try {
      const raw = await upload.answer;
      expect(statusOf(raw)).toBe(408);
      expect(bodyOf(raw).error.code).toBe('uploads.too_slow');
    } finally {
      clearInterval(drip);
    }
    await until(() => waiting(dir), (w) => w.files === 0);
  });

  it('records the cut-off uploads in the audit log', async () => {
    await ctx.app.services.audit.drain();
    const entries = await ctx.app.services.audit.list({ action: 'returns.upload', limit: 10 });
    expect(entries.map((e) => e.status)).toEqual([408, 408]);
  });

  it('leaves no file behind when an upload is refused for its size or its parts', async () => {
    const post = (payload: Buffer, contentType: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/returns`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: new Uint8Array(payload) });
    const big = multipartBody(Buffer.alloc(3 * MB, 0x44));
    const tooBig = await post(big.payload, big.contentType);
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.code).toBe('request.too_large');
    const file = multipartBody(Buffer.alloc(MB, 0x45));
    const withField = Buffer.concat([file.payload.subarray(0, file.payload.lastIndexOf('--')), Buffer.from(`\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${file.contentType.split('boundary=')[1]}--\r\n`)]);
    const stray = await post(withField, file.contentType);
    expect(stray.status).toBe(400);
    expect((await stray.json()).error.code).toBe('request.too_many_parts');
    await until(() => waiting(dir), (w) => w.files === 0);
  });
});
