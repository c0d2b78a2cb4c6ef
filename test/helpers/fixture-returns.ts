import { pncCheckLetter } from '../../src/matrix/pnc.js';
import { setMeta, toXlsx, validReturn, type Fixture } from '../matrix/fixtures.js';

/** The valid fixture return re-addressed to another force: its lines touch that force; its numbers, names and PNC IDs are its own, so its people are not the LEI return's. */
export function fixtureFor(force: string, month = '2024-03'): Fixture {
  const fx = validReturn();
  setMeta(fx, 'Force', force);
  setMeta(fx, 'Reporting Month', month);
  if (force === 'LEI') return fx;
  const [l1, l2] = fx.lines.rows;
  l1['Importing Areas'] = `${force}:Townsville`;
  l1['Deal Numbers'] = '07700 900301';
  l2['Exporting Force'] = force;
  l2['Deal Numbers'] = '07700 900302';
  const serial = String(1_000_000 + [...force].reduce((n, ch) => n * 31 + ch.charCodeAt(0), 0) % 8_000_000);
  for (const row of fx.nominals.rows) {
    row.Surname = `${String(row.Surname)}-${force}`;
    row.Forenames = `${String(row.Forenames)}${force}`;
    if (row.DOB instanceof Date) row.DOB = new Date(Date.UTC(row.DOB.getUTCFullYear() - 7, row.DOB.getUTCMonth(), row.DOB.getUTCDate()));
    if (row['Phone Numbers']) row['Phone Numbers'] = '07700 900309';
    if (row['PNC ID']) row['PNC ID'] = `99/${serial}${pncCheckLetter('99', serial)}`;
  }
  return fx;
}

export const workbookFor = (force: string, month?: string) => toXlsx(fixtureFor(force, month));
