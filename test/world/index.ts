// The synthetic world generator: see README.md.
export { DEFAULT_NOISE, DEFAULT_OPTIONS, NOISE_NONE, generateWorld, lineKey, personKey, resolveOptions } from './generate.js';
export { presets } from './presets.js';
export { writeReturnWorkbook, type WorkbookOptions } from './workbook.js';
export { v2Errors } from './check.js';
export { createRng, type Rng } from './random.js';
export { formatPhone, padPnc, pncCheckLetter } from './ids.js';
export type * from './types.js';
