// Normalisation of raw factor values to [0, 1]. Saturation x / (x + K) with K
// the median of the positive values (a Michaelis–Menten / Hill curve with
// coefficient 1): zero stays zero, the typical non-zero value maps to ½, and
// one extreme person (a national supplier above 200 lines) cannot squash
// everyone else towards zero as division by the maximum would.

export function saturate(raw: Float64Array, halfAt?: number): Float64Array {
  const k = halfAt ?? medianPositive(raw);
  const out = new Float64Array(raw.length);
  if (k <= 0) return out;
  for (let i = 0; i < raw.length; i++) out[i] = raw[i] > 0 ? raw[i] / (raw[i] + k) : 0;
  return out;
}

export function medianPositive(values: Float64Array): number {
  const pos = values.filter((v) => v > 0).sort();
  if (pos.length === 0) return 0;
  const mid = pos.length >> 1;
  return pos.length % 2 ? pos[mid] : (pos[mid - 1] + pos[mid]) / 2;
}

export const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
