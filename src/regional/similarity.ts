// String metrics for name comparison, written here rather than pulled in as a
// dependency (the project keeps its dependency list short).

/**
 * Jaro–Winkler similarity in [0, 1] (Winkler 1990, as used by Splink's
 * `jaro_winkler_at_thresholds`): Jaro similarity boosted by a common prefix of
 * up to 4 characters with scaling factor 0.1.
 */
// Match flags reused across calls (cleared for each): a merge makes millions of
// comparisons, and two typed arrays allocated per call were most of their cost.
let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  if (matchedA.length < la) matchedA = new Uint8Array(la);
  if (matchedB.length < lb) matchedB = new Uint8Array(lb);
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      matchedA[i] = 1;
      matchedB[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * True when b is a within one keyboard slip of a: one letter dropped, added,
 * changed, or two neighbours transposed (optimal string alignment distance ≤ 1).
 * Jaro–Winkler under-rates a slip near the start of a short name (NTHANIEL).
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * NYSIIS phonetic key (Taft 1970, New York State Identification and
 * Intelligence System), truncated to 6 characters as the original specifies.
 * Chosen over Soundex because it was built for surnames in criminal-justice
 * records and separates names far better (Soundex puts ROBERT and RUPERT
 * together and has only ~7,000 codes); chosen over Double Metaphone because
 * it is ~50 lines that can be checked by eye, and the transliteration folding
 * in normalise.ts already handles the spelling families Double Metaphone's
 * extra rules target. Input: upper-case A–Z only.
 */
export function nysiis(input: string): string {
  let s = input.replace(/[^A-Z]/g, '');
  if (s.length === 0) return '';
  s = s
    .replace(/^MAC/, 'MCC')
    .replace(/^KN/, 'NN')
    .replace(/^K/, 'C')
    .replace(/^(PH|PF)/, 'FF')
    .replace(/^SCH/, 'SSS');
  s = s.replace(/(EE|IE)$/, 'Y').replace(/(DT|RT|RD|NT|ND)$/, 'D');
  const first = s[0];
  let key = first;
  const isVowel = (c: string | undefined) => c !== undefined && 'AEIOU'.includes(c);
  let i = 1;
  const chars = s.split('');
  while (i < chars.length) {
    let c = chars[i];
    const next = chars[i + 1];
    if (c === 'E' && next === 'V') {
      chars[i] = 'A';
      chars[i + 1] = 'F';
      c = 'A';
    } else if (isVowel(c)) {
      c = 'A';
    } else if (c === 'Q') c = 'G';
    else if (c === 'Z') c = 'S';
    else if (c === 'M') c = 'N';
    else if (c === 'K') {
      if (next === 'N') c = 'N';
      else c = 'C';
    } else if (c === 'S' && next === 'C' && chars[i + 2] === 'H') {
      chars[i + 1] = 'S';
      chars[i + 2] = 'S';
      c = 'S';
    } else if (c === 'P' && next === 'H') {
      chars[i + 1] = 'F';
      c = 'F';
    } else if (c === 'H' && (!isVowel(chars[i - 1]) || !isVowel(next))) {
      c = chars[i - 1];
    } else if (c === 'W' && isVowel(chars[i - 1])) {
      c = chars[i - 1];
    }
    chars[i] = c;
    if (key[key.length - 1] !== c) key += c;
    i++;
  }
  if (key.length > 1 && key.endsWith('S')) key = key.slice(0, -1);
  if (key.endsWith('AY')) key = `${key.slice(0, -2)}Y`;
  if (key.length > 1 && key.endsWith('A')) key = key.slice(0, -1);
  return key.slice(0, 6);
}
