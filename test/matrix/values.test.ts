import { describe, expect, it } from 'vitest';
import { ageAt, currentMonth, excelSerialToIso, parseDateText } from '../../src/matrix/dates.js';
import { lostLeadingZero, toE164Mobile } from '../../src/matrix/phones.js';
import { parsePnc, pncCheckLetter } from '../../src/matrix/pnc.js';
import { cellRef, columnLetter, parseCellRef } from '../../src/matrix/cell-ref.js';

describe('UK mobile numbers', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['+44 (0)7700 900123', '+447700900123'],
    ['447700900123', '+447700900123'],
    ['0044 7700-900-123', '+447700900123'],
    ['(07700) 900.123', '+447700900123'],
  ])('reads %s as %s', (input, e164) => expect(toE164Mobile(input)).toBe(e164));

  it.each(['0771 234', '0116 222 2222', '7700900123', '+33 6 12 34 56 78', '077009001234', ''])('refuses %s', (input) =>
    expect(toE164Mobile(input)).toBeNull(),
  );

  it('spots a mobile whose leading 0 a number cell dropped', () => {
    expect(lostLeadingZero(7700900123)).toBe(true);
    expect(lostLeadingZero(447700900123)).toBe(false);
  });
});

describe('dates', () => {
  it('reads ISO and UK order, never US order', () => {
    expect(parseDateText('2024-03-05')).toBe('2024-03-05');
    expect(parseDateText('05/03/2024')).toBe('2024-03-05');
    expect(parseDateText('5/3/2024')).toBe('2024-03-05');
    // §1: "anything else is an error", however unambiguous it looks.
    expect(parseDateText('12.03.1990')).toBeNull();
    expect(parseDateText('12-03-1990')).toBeNull();
    expect(parseDateText('2024-03-05T10:00:00')).toBeNull();
    expect(parseDateText('03/30/2024')).toBeNull();
    expect(parseDateText('2024-02-30')).toBeNull();
    expect(parseDateText('March 5th')).toBeNull();
  });

  it('reads Excel date numbers, including around the phantom 29 Feb 1900', () => {
    expect(excelSerialToIso(45356)).toBe('2024-03-05');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(20240305)).toBeNull();
  });

  it('computes ages and the current month in UK time', () => {
    expect(ageAt('2006-04-01', '2024-03-31')).toBe(17);
    expect(ageAt('2006-03-31', '2024-03-31')).toBe(18);
    expect(currentMonth(new Date('2024-03-31T23:30:00Z'))).toBe('2024-04');
    expect(currentMonth(new Date('2024-12-31T23:30:00Z'))).toBe('2024-12');
  });
});

describe('PNC ids (§8)', () => {
  it('computes the check letter of the guidance example', () => {
    expect(pncCheckLetter('98', '1234567')).toBe('L');
    expect(parsePnc('98/1234567L')).toEqual({ normalised: '98/1234567L', checkOk: true, expectedLetter: 'L' });
  });

  it('drops leading zeros of the serial so equal ids compare equal', () => {
    expect(parsePnc('01/0002345s')?.normalised).toBe(parsePnc('01/2345S')?.normalised);
  });
});

describe('cell references', () => {
  it('names columns past Z and quotes sheet names that need it', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(cellRef('Lines', 7, 3)).toBe('Lines!D7');
    expect(cellRef("Jo's lines", 2, 0)).toBe("'Jo''s lines'!A2");
    expect(parseCellRef("'Jo''s lines'!A2")).toEqual({ sheet: "Jo's lines", address: 'A2' });
  });
});
