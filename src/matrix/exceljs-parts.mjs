// Hands exceljs a workbook's parts already inflated, instead of the zip (plain
// JS, like the parse worker that uses it). exceljs reads an .xlsx through
// JSZip, which inflates every part again in JavaScript (pako) and decodes it
// 16 KB at a time; the worker has already inflated every part natively, under
// its caps, to check it. So JSZip.loadAsync, as exceljs sees it, takes those
// parts as they are; any other input goes to JSZip unchanged.
import { createRequire } from 'node:module';

// The copy of JSZip that exceljs itself loads.
const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip');

/** A workbook's parts (not folders) by name, in the zip's order, for `workbook.xlsx.load`. */
export class InflatedParts {
  /** @param {Map<string, Buffer>} parts */
  constructor(parts) {
    this.parts = parts;
  }
}

/** What exceljs reads of a loaded JSZip: `files`, each with `name`, `dir` and `async('string' | 'nodebuffer')`. */
function asZip({ parts }) {
  const files = {};
  for (const [name, bytes] of parts) {
    files[name] = {
      name,
      dir: false,
      async: async (type) => {
        if (type === 'string') return bytes.toString('utf8');
        if (type === 'nodebuffer') return bytes;
        throw new Error(`exceljs asked for a part as ${type}`);
      },
    };
  }
  return { files };
}

const loadAsync = JSZip.loadAsync;
JSZip.loadAsync = function (data, options) {
  return data instanceof InflatedParts ? Promise.resolve(asZip(data)) : loadAsync.call(this, data, options);
};
