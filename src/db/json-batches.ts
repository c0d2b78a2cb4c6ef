// Bulk writes send each batch as one JSON text parameter that PostgreSQL
// expands with jsonb_array_elements: one statement and one parameter per batch
// instead of several parameters a row, which drizzle would build and
// serialise value by value (it dominated the cost of saving a merge and of
// storing a large return). Callers cast the text ::text::json(b) so neither
// driver re-serialises it. A batch is cut at BATCH_CHARS so no single message
// grows without bound.
const BATCH_CHARS = 8_000_000;

/** JSON array texts holding the given JSON-encoded elements, each at most about BATCH_CHARS long. */
export function jsonBatches(elements: Iterable<string>): string[] {
  const batches: string[] = [];
  let parts: string[] = [];
  let size = 0;
  for (const part of elements) {
    if (size + part.length > BATCH_CHARS && parts.length) {
      batches.push(`[${parts.join(',')}]`);
      parts = [];
      size = 0;
    }
    parts.push(part);
    size += part.length + 1;
  }
  if (parts.length) batches.push(`[${parts.join(',')}]`);
  return batches;
}

/** `[key, value]` rows whose value is already JSON text, as batches. */
export const keyedJsonBatches = (rows: Iterable<readonly [string, string]>): string[] =>
  jsonBatches((function* () {
    for (const [k, v] of rows) yield `[${JSON.stringify(k)},${v}]`;
  })());
