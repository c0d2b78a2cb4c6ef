/** 20971520 → "20 MB", 200000 → "195 KB": a size limit as a person reads it, in every message that names one. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / (1024 * 1024)).toFixed(1))} MB`;
  if (n >= 1024) return `${Math.floor(n / 1024)} KB`;
  return `${n} bytes`;
}
