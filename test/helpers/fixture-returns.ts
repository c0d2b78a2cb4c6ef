import { setMeta, toXlsx, validReturn, type Fixture } from '../matrix/fixtures.js';

/** The valid fixture return re-addressed to another force: its lines touch that force, its refs and numbers are its own. */
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
  for (const row of fx.nominals.rows) row.Surname = `${String(row.Surname)}-${force}`;
  return fx;
}

export const workbookFor = (force: string, month?: string) => toXlsx(fixtureFor(force, month));
