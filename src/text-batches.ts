/**
 * Batches of texts (each a few columns of a few MB, json-batches.ts) as they
 * cross from a worker to the event loop: one buffer of UTF-8 per list,
 * transferred rather than copied. A national merge hands back ~150 MB of them;
 * copied, they were held once in the worker, once in the message and once on
 * the main thread at the same moment, and read there in one go.
 */
export interface PackedBatches {
  bytes: Uint8Array;
  /** Where each text ends in `bytes`, batch after batch. */
  ends: number[];
  /** Texts per batch. */
  width: number;
}

export function packBatches(batches: string[][]): PackedBatches {
  const texts = batches.flat();
  const ends: number[] = [];
  let end = 0;
  for (const t of texts) ends.push((end += Buffer.byteLength(t)));
  // A buffer of its own: one from Node's shared pool could not be transferred.
  const bytes = new Uint8Array(end);
  const view = Buffer.from(bytes.buffer);
  texts.forEach((t, i) => view.write(t, i ? ends[i - 1] : 0));
  return { bytes, ends, width: batches[0]?.length ?? 0 };
}

/** The batches back, each decoded only when it is asked for. */
export function* unpackBatches({ bytes, ends, width }: PackedBatches): Generator<string[]> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < ends.length; i += width) {
    yield Array.from({ length: width }, (_, j) => view.toString('utf8', i + j ? ends[i + j - 1] : 0, ends[i + j]));
  }
}

/** The buffers to transfer with them. */
export const transferList = (packed: PackedBatches[]) => packed.map((p) => p.bytes.buffer as ArrayBuffer);
