import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../src/xlsx/safe-cell.js';

describe('formula neutralisation of text written into a cell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["=cmd|' /C calc'!A0", `'=cmd|' /C calc'!A0`],
    ['+cmd', "'+cmd"],
    ['-1+1', "'-1+1"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tX', "'\tX"],
    ['\r=1', "'\r=1"],
    ['+44 7700 900001+A1', "'+44 7700 900001+A1"],
  ])('escapes %j', (input, output) => expect(neutraliseFormula(input)).toBe(output));

  it.each(['+447700900001', '+44 (0)7700 900001', '-3', '-1.5', 'SMITH', '07700 900001', ''])('leaves %j as it is: nothing in it can run', (text) =>
    expect(neutraliseFormula(text)).toBe(text),
  );
});
