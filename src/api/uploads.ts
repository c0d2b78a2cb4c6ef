// Receiving a workbook upload without letting uploads exhaust the service
// (issue #12): 120 uploads of 19 MB that never sent their closing boundary
// took the process from 0.87 GB to 2.6 GB. So an upload holds a slot (a few
// per user, a few in all; the rest are refused at once with 429), the file
// part goes to a temporary file rather than memory, and a body that stalls or
// drags on is cut off. The workbook is read back into memory only once the
// whole body has arrived, for the parser, which takes a buffer.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { formatBytes } from '../format-bytes.js';

export interface UploadLimits {
  perUser: number;
  total: number;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
  tmpDir: string;
}

export interface ReceivedUpload {
  filename: string;
  buffer: Buffer;
}

/** Counts uploads in progress, per user and in all. */
export function createUploadSlots({ perUser, total }: { perUser: number; total: number }) {
  const byUser = new Map<string, number>();
  let inUse = 0;
  return {
    /** A release function (safe to call twice), or a 429 when the user or the service is at its limit. */
    acquire(userId: string): () => void {
      const mine = byUser.get(userId) ?? 0;
      if (mine >= perUser) {
        throw new AppError('uploads.too_many_for_user', 429, `You already have ${mine} upload${mine === 1 ? '' : 's'} in progress (the limit is ${perUser}); wait for ${mine === 1 ? 'it' : 'one'} to finish, then send this one again.`);
      }
      if (inUse >= total) {
        throw new AppError('uploads.busy', 429, `The service is receiving as many uploads as it takes at once (${total}); try again in a minute.`);
      }
      byUser.set(userId, mine + 1);
      inUse++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inUse--;
        const left = (byUser.get(userId) ?? 1) - 1;
        if (left > 0) byUser.set(userId, left);
        else byUser.delete(userId);
      };
    },
    stats: () => ({ inUse, users: byUser.size }),
  };
}

export type UploadSlots = ReturnType<typeof createUploadSlots>;

/** How long a refused upload's connection stays open after the answer, so the client can read it. */
const LINGER_MS = 2000;

/**
 * Ends the connection of a refused or cut-off upload once its answer is sent.
 * Not at once: closing a socket with unread data resets the connection, and a
 * client still sending its body could lose the answer with it (seen for 14 of
 * 112 refusals in bench:load). So the socket stops reading — the rest of the
 * body is not worth even discarding — and goes a moment after the answer.
 */
export function closeAfterAnswer(req: FastifyRequest, reply: FastifyReply): void {
  reply.raw.once('finish', () => {
    const socket: Partial<Socket> | undefined = req.raw.socket;
    // An injected request (tests) has a stand-in socket with nothing to close.
    if (typeof socket?.end !== 'function' || typeof socket.destroy !== 'function' || typeof socket.pause !== 'function') return;
    socket.end();
    // After node's own handling, which resumes an unread body on the next tick to discard it.
    setImmediate(() => socket.pause!());
    setTimeout(() => socket.destroy!(), LINGER_MS).unref();
  });
}

const onlyOneFile = () => new AppError('request.too_many_parts', 400, 'Send one workbook in the field "file" and nothing else.');
const noFile = () => new AppError('returns.no_file', 400, 'Send the workbook as multipart/form-data in a field named "file".');

/**
 * The one workbook of an upload, received within the time limits. Every part
 * is read, so a second file or a stray field (before or after the file)
 * refuses the whole upload rather than being ignored. On any failure the
 * connection is closed after the answer: the rest of a refused body is not
 * worth reading, and a stalled client must not keep its socket.
 */
export async function receiveWorkbook(req: FastifyRequest, reply: FastifyReply, limits: UploadLimits): Promise<ReceivedUpload> {
  const path = join(limits.tmpDir, `clim-upload-${randomUUID()}.xlsx`);
  const watch = watchBody(req.raw.socket, limits);
  const received = streamToFile(req, path, limits.maxBytes);
  try {
    const filename = await Promise.race([received, watch.cutOff]);
    return { filename, buffer: await readFile(path) };
  } catch (err) {
    closeAfterAnswer(req, reply);
    // Cut off: whatever was still arriving stops when the connection closes. Should the
    // file still complete in the meantime, it is removed then.
    received.then(() => unlink(path)).catch(() => {});
    throw err;
  } finally {
    watch.stop();
    // On Linux a file still open for writing disappears now and its space is freed when the stream closes.
    await unlink(path).catch(() => {});
  }
}

async function streamToFile(req: FastifyRequest, path: string, maxBytes: number): Promise<string> {
  let filename: string | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') throw onlyOneFile();
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw filename ? onlyOneFile() : noFile();
      }
      if (filename) {
        part.file.resume();
        throw onlyOneFile();
      }
      // The owner alone may read it: it holds intelligence until it is parsed.
      await pipeline(part.file, createWriteStream(path, { flags: 'wx', mode: 0o600 })).catch(async (err: unknown) => {
        await unlink(path).catch(() => {});
        throw err;
      });
      if (part.file.truncated) throw new AppError('request.too_large', 413, `The workbook is larger than the service accepts (${formatBytes(maxBytes)}).`);
      // Kept for the audit and sent back in a header: no control characters (PostgreSQL refuses NUL).
      filename = part.filename.replace(/\p{Cc}/gu, '') || 'upload.xlsx';
    }
  } catch (err) {
    // busboy throws plain Errors for a body it cannot parse (no boundary, cut off): the client's fault.
    if (err instanceof AppError || (err as { statusCode?: number }).statusCode) throw err;
    throw new AppError('request.bad_multipart', 400, 'The upload is not well-formed multipart/form-data; send the workbook in the field "file".');
  }
  if (!filename) throw noFile();
  return filename;
}

/**
 * Rejects when the body has sent nothing for `idleTimeoutMs`, or has taken
 * longer than `totalTimeoutMs` in all. Progress is read from the socket's
 * byte count, so it covers every part of the body, not only the file.
 */
function watchBody(socket: Socket | undefined, { idleTimeoutMs, totalTimeoutMs }: UploadLimits): { cutOff: Promise<never>; stop: () => void } {
  const started = Date.now();
  let lastProgress = started;
  // An injected request (tests, light-my-request) has no real socket: only the total limit applies.
  const bytesRead = () => (typeof socket?.bytesRead === 'number' ? socket.bytesRead : Date.now());
  let lastBytes = bytesRead();
  let timer: NodeJS.Timeout | undefined;
  const cutOff = new Promise<never>((_, reject) => {
    timer = setInterval(
      () => {
        const now = Date.now();
        const read = bytesRead();
        if (read !== lastBytes) (lastBytes = read), (lastProgress = now);
        if (now - lastProgress >= idleTimeoutMs) {
          reject(new AppError('uploads.stalled', 408, `The upload sent nothing for ${seconds(idleTimeoutMs)}, so it was stopped; send the file again.`));
        } else if (now - started >= totalTimeoutMs) {
          reject(new AppError('uploads.too_slow', 408, `The upload took longer than ${seconds(totalTimeoutMs)}, so it was stopped; send the file again over a faster connection.`));
        }
      },
      Math.max(20, Math.min(1000, Math.floor(Math.min(idleTimeoutMs, totalTimeoutMs) / 5))),
    );
  });
  cutOff.catch(() => {});
  return { cutOff, stop: () => clearInterval(timer) };
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`);
