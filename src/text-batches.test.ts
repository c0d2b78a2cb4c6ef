import { describe, expect, it } from 'vitest';
import { packBatches, unpackBatches } from './text-batches.js';

describe('batches of texts packed to cross threads', () => {
  it('come back exactly, batch by batch, whatever their characters', () => {
    const batches = [
      ['"a"\u001e"b"', '{"x":"Ænæs – 子"}\u001e{}', ''],
      ['"c"', '{"emoji":"🚨"}', 'NUL\u0000'],
    ];
    const packed = packBatches(batches);
    expect(packed.bytes.buffer.byteLength).toBe(packed.bytes.byteLength);
    expect([...unpackBatches(packed)]).toEqual(batches);
  });

  it('packs no batches as nothing', () => {
    expect([...unpackBatches(packBatches([]))]).toEqual([]);
  });
});
