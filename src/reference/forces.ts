// Reference data from MATRIX-V2 §8: the 43 territorial forces of England and
// Wales plus British Transport Police, grouped by regional organised crime unit.
export const REGIONS = {
  LONDON: { unit: 'Met co-ordinator', forces: { MET: 'Metropolitan Police Service', COL: 'City of London Police' } },
  EAST_MIDLANDS: {
    unit: 'EMSOU',
    forces: { DER: 'Derbyshire', LEI: 'Leicestershire', LIN: 'Lincolnshire', NTH: 'Northamptonshire', NOT: 'Nottinghamshire' },
  },
  EASTERN: {
    unit: 'ERSOU',
    forces: { BDF: 'Bedfordshire', CAM: 'Cambridgeshire', ESX: 'Essex', HRT: 'Hertfordshire', KNT: 'Kent', NFK: 'Norfolk', SFK: 'Suffolk' },
  },
  NORTH_EAST: { unit: 'NERSOU', forces: { CLE: 'Cleveland', DUR: 'Durham', NTB: 'Northumbria' } },
  NORTH_WEST: {
    unit: 'TITAN',
    forces: { CHE: 'Cheshire', CUM: 'Cumbria', GMP: 'Greater Manchester', LAN: 'Lancashire', MER: 'Merseyside', NWA: 'North Wales' },
  },
  SOUTH_EAST: { unit: 'SEROCU', forces: { HAM: 'Hampshire and Isle of Wight', SUR: 'Surrey', SSX: 'Sussex', TVP: 'Thames Valley' } },
  SOUTH_WEST: {
    unit: 'SWROCU',
    forces: { AVS: 'Avon and Somerset', DEC: 'Devon and Cornwall', DOR: 'Dorset', GLO: 'Gloucestershire', WIL: 'Wiltshire' },
  },
  WALES: { unit: 'TARIAN', forces: { DYP: 'Dyfed-Powys', GWE: 'Gwent', SWA: 'South Wales' } },
  WEST_MIDLANDS: { unit: 'ROCUWM', forces: { STA: 'Staffordshire', WAR: 'Warwickshire', WMC: 'West Mercia', WMP: 'West Midlands' } },
  YORKSHIRE_HUMBER: {
    unit: 'YHROCU',
    forces: { HUM: 'Humberside', NYP: 'North Yorkshire', SYP: 'South Yorkshire', WYP: 'West Yorkshire' },
  },
  NATIONAL: { unit: 'NCLCC', forces: { BTP: 'British Transport Police' } },
} as const;

export type RegionCode = keyof typeof REGIONS;
export const REGION_CODES = Object.keys(REGIONS) as RegionCode[];

export interface Force {
  code: string;
  name: string;
  region: RegionCode;
}

export const FORCES: readonly Force[] = REGION_CODES.flatMap((region) =>
  Object.entries(REGIONS[region].forces).map(([code, name]) => ({ code, name, region })),
);

const byCode = new Map(FORCES.map((f) => [f.code, f]));
const squash = (s: string) => s.toUpperCase().replace(/[^A-Z]/g, '');
const byName = new Map(FORCES.flatMap((f) => [[squash(f.name), f], [squash(`${f.name} Police`), f]]));

/** A force by code or full name, ignoring case, spaces and punctuation (§3 "Force"). */
export function findForce(value: string): Force | undefined {
  const v = value.trim().toUpperCase();
  return byCode.get(v) ?? byName.get(squash(v));
}

export function isRegion(value: string): value is RegionCode {
  return (REGION_CODES as string[]).includes(value);
}

export function forcesOfRegion(region: RegionCode): string[] {
  return FORCES.filter((f) => f.region === region).map((f) => f.code);
}

export function regionOfForce(code: string): RegionCode | undefined {
  return byCode.get(code)?.region;
}
