// Bulk writes without a parameter a value: drizzle would build and serialise
// a large insert value by value (it dominated the cost of saving a merge), and
// a statement takes at most 65,535 parameters. A batch is cut at `maxChars` so
// no single message grows without bound. On PGlite a statement holds the event
// loop and requests get in only between statements (pglite-turns.ts): callers
// pick the size that suits what they store (merges.repository.ts).

/**
 * Separates JSON texts within one parameter. JSON.stringify escapes every
 * control character, so no JSON text contains it; in SQL it is chr(30).
 */
const SEPARATOR = '\x1e';

/**
 * Rows of JSON texts (one per column) as batches of column parameters: each
 * column's texts of a batch joined into one text, which PostgreSQL splits back
 * with `string_to_array(param, chr(30))` and pairs by position with a
 * multi-argument `unnest`. Where each row carries a large document this beats
 * one JSON array of the rows: PostgreSQL parses each document once, where
 * the array is parsed whole and then each element again for every `->` taken
 * from it. Rows are consumed lazily, so a caller that encodes them as they are
 * asked for holds one batch of text at a time.
 */
export function* jsonColumnBatches(rows: Iterable<readonly string[]>, maxChars: number): Generator<string[]> {
  let columns: string[][] = [];
  let size = 0;
  const flush = () => {
    const batch = columns.map((texts) => texts.join(SEPARATOR));
    columns = [];
    size = 0;
    return batch;
  };
  for (const row of rows) {
    const chars = row.reduce((n, text) => n + text.length + 1, 0);
    if (size && size + chars > maxChars) yield flush();
    if (!columns.length) columns = row.map(() => []);
    row.forEach((text, i) => columns[i].push(text));
    size += chars;
  }
  if (size) yield flush();
}
