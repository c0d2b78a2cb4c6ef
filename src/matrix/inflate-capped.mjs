// A zip entry inflated in pure JS (pako), stopped as soon as it passes `cap`
// bytes. Not node:zlib: the parse worker is terminated on timeout and runs
// out of its heap on purpose, and on Node 20 a thread terminated between
// creating a native zlib handle and initialising it aborts the whole process
// ("close before init", seen in CI). A JS inflater leaves nothing native behind.
import pako from 'pako';

export class InflateError extends Error {
  /** @param {'too_large' | 'corrupt'} reason */
  constructor(reason) {
    super(reason === 'too_large' ? 'inflated data passes its cap' : 'deflate data is damaged');
    this.reason = reason;
  }
}

/** @param {Uint8Array} data raw deflate @param {number} cap @returns {Buffer} */
export function inflateCapped(data, cap) {
  const inflater = new pako.Inflate({ raw: true, chunkSize: 64 * 1024 });
  const chunks = [];
  let length = 0;
  inflater.onData = (chunk) => {
    length += chunk.length;
    if (length > cap) throw new InflateError('too_large');
    chunks.push(chunk);
  };
  inflater.push(data, true);
  if (inflater.err || !inflater.ended) throw new InflateError('corrupt');
  return Buffer.concat(chunks, length);
}
