import type { Rng } from './random.js';

// Name pools with the diversity of people recorded on county lines in England
// and Wales, and the variant tables that make one person look like several
// across forces: transliterations, nicknames, surname spellings, hyphenation,
// typos, swapped order, street names. The brands lines trade under too.

interface Pool {
  weight: number;
  male: readonly string[];
  female: readonly string[];
  surnames: readonly string[];
}

const POOLS: readonly Pool[] = [
  {
    weight: 46,
    male: ['Daniel', 'Michael', 'Thomas', 'James', 'Joshua', 'Callum', 'Kieran', 'Connor', 'Jordan', 'Liam', 'Ryan', 'Jack', 'Lewis', 'Bradley', 'Reece', 'Kyle', 'Jake', 'Nathan', 'Anthony', 'Christopher', 'Joseph', 'William', 'Robert', 'Matthew', 'Samuel', 'Benjamin', 'Alexander', 'Jonathan', 'Richard', 'Stephen', 'Nicholas', 'Harvey', 'Charlie', 'Mason', 'Tyler', 'Lee', 'Dean', 'Scott', 'Craig', 'Wayne', 'Darren', 'Shane'],
    female: ['Jessica', 'Rebecca', 'Charlotte', 'Samantha', 'Chloe', 'Megan', 'Lauren', 'Kimberley', 'Danielle', 'Jennifer', 'Victoria', 'Natasha', 'Stephanie', 'Elizabeth', 'Amy', 'Leanne', 'Kelly', 'Stacey', 'Jade', 'Shannon'],
    surnames: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Stephenson', 'Reid', 'Gray', 'Macdonald', 'Matthews', 'Mackenzie'],
  },
  {
    weight: 14,
    male: ['Jermaine', 'Tyrone', 'Marcus', 'Leon', 'Tyrese', 'Jaden', 'Kai', 'Andre', 'Dwayne', 'Shaquille', 'Devon', 'Malachi', 'Nathaniel', 'Rashad', 'Kemar', 'Jamal', 'Darnell', 'Troy', 'Corey', 'Isaiah', 'Elijah', 'Daniel', 'Michael', 'Anthony'],
    female: ['Aaliyah', 'Shanice', 'Jade', 'Tanisha', 'Keisha', 'Chantelle', 'Monique', 'Jasmine', 'Nia', 'Shantel'],
    surnames: ['Campbell', 'Brown', 'Williams', 'Francis', 'Grant', 'Johnson', 'Lewis', 'Thompson', 'Clarke', 'Reid', 'Edwards', 'Samuels', 'Morgan', 'Powell', 'Gordon', 'McKenzie', 'Bailey', 'Henry', 'Richards', 'Walker', 'Bennett', 'Graham', 'Ellis', 'Forbes', 'Gayle', 'Hylton', 'Spencer', 'Stewart', 'Wright', 'Matthews'],
  },
  {
    weight: 7,
    male: ['Emmanuel', 'Oluwaseun', 'Babajide', 'Chukwuemeka', 'Kwame', 'Kofi', 'Tunde', 'David', 'Samuel', 'Joshua', 'Daniel', 'Emeka', 'Femi', 'Tobi', 'Ayo'],
    female: ['Blessing', 'Precious', 'Adaeze', 'Funmilayo', 'Grace', 'Abena', 'Chioma'],
    surnames: ['Adeyemi', 'Okafor', 'Mensah', 'Boateng', 'Owusu', 'Okonkwo', 'Adebayo', 'Oyelaran', 'Asante', 'Appiah', 'Eze', 'Nwosu', 'Afolabi', 'Ogunleye', 'Danso'],
  },
  {
    weight: 4,
    male: ['Abdirahman', 'Mohamed', 'Abdullahi', 'Ahmed', 'Yusuf', 'Hassan', 'Omar', 'Ali', 'Khalid', 'Ibrahim', 'Mustafa', 'Osman'],
    female: ['Hodan', 'Amina', 'Fadumo', 'Hawa', 'Sahra'],
    surnames: ['Mohamed', 'Abdi', 'Ali', 'Hassan', 'Farah', 'Warsame', 'Osman', 'Jama', 'Ahmed', 'Ibrahim', 'Yusuf', 'Nur', 'Hussein', 'Aden', 'Omar'],
  },
  {
    weight: 8,
    male: ['Mohammed', 'Imran', 'Usman', 'Bilal', 'Zain', 'Adil', 'Kamran', 'Hamza', 'Asif', 'Tariq', 'Mustafa', 'Yusuf', 'Ibrahim', 'Omar', 'Amir', 'Sajid', 'Shahid', 'Faisal', 'Arif'],
    female: ['Ayesha', 'Fatima', 'Sana', 'Zara', 'Nadia', 'Samina'],
    surnames: ['Khan', 'Hussain', 'Ahmed', 'Ali', 'Iqbal', 'Mahmood', 'Rahman', 'Akhtar', 'Shah', 'Malik', 'Butt', 'Riaz', 'Bibi', 'Aslam', 'Sadiq', 'Choudhury', 'Uddin', 'Miah', 'Islam', 'Begum'],
  },
  {
    weight: 3,
    male: ['Arjun', 'Rohan', 'Vikram', 'Sunil', 'Jaspreet', 'Gurpreet', 'Rajesh', 'Sanjay', 'Amandeep'],
    female: ['Priya', 'Anjali', 'Simran', 'Kiran'],
    surnames: ['Patel', 'Singh', 'Sharma', 'Kaur', 'Gill', 'Sandhu', 'Mistry', 'Kumar', 'Dhillon', 'Chauhan'],
  },
  {
    weight: 5,
    male: ['Jakub', 'Mateusz', 'Piotr', 'Krzysztof', 'Tomasz', 'Marcin', 'Aleksander', 'Andrei', 'Ionut', 'Florin', 'Marius', 'Bogdan', 'Vasile'],
    female: ['Katarzyna', 'Agnieszka', 'Ioana', 'Elena'],
    surnames: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kaczmarek', 'Lewandowski', 'Zieliński', 'Popescu', 'Ionescu', 'Lăcătuș', 'Stan', 'Dumitru', 'Constantin'],
  },
  {
    weight: 4,
    male: ['Ardit', 'Gjergj', 'Besnik', 'Arben', 'Erion', 'Klodian', 'Endrit', 'Luan', 'Dritan', 'Altin'],
    female: ['Elira', 'Blerta'],
    surnames: ['Hoxha', 'Gashi', 'Krasniqi', 'Berisha', 'Shehu', 'Dervishi', 'Leka', 'Kola', 'Murati', 'Hysa'],
  },
  {
    weight: 3,
    male: ['Sean', 'Patrick', 'Conor', 'Cian', 'Declan', 'Niall', 'Padraig'],
    female: ['Siobhan', 'Aoife', 'Niamh'],
    surnames: ["O'Brien", "O'Connor", 'Murphy', 'McCarthy', 'Doherty', 'Kavanagh', 'Brennan', 'Quinn', 'Byrne', "O'Neill", 'McDonagh'],
  },
  {
    weight: 2,
    male: ['Minh', 'Tuan', 'Hung', 'Duc', 'Quang', 'Van'],
    female: ['Linh', 'Thao', 'Mai'],
    surnames: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Vu', 'Dang', 'Bui'],
  },
  {
    weight: 2,
    male: ['Karwan', 'Rebwar', 'Hiwa', 'Dilshad', 'Shwan', 'Aram', 'Mustafa'],
    female: ['Shilan', 'Avin'],
    surnames: ['Ahmed', 'Mahmoud', 'Rashid', 'Kareem', 'Aziz', 'Qadir', 'Salih', 'Othman'],
  },
];

/** Spellings of the same name, any of which a force may record (transliteration, anglicising). */
export const FORENAME_VARIANTS: readonly (readonly string[])[] = [
  ['Mohammed', 'Muhammad', 'Mohamed', 'Mohammad', 'Mohamad', 'Muhammed'],
  ['Mustafa', 'Mustapha', 'Mostafa'],
  ['Yusuf', 'Yousef', 'Yousuf', 'Yusef'],
  ['Ahmed', 'Ahmad', 'Ahmet'],
  ['Hussain', 'Hussein', 'Husain'],
  ['Osman', 'Usman', 'Othman'],
  ['Ibrahim', 'Ebrahim', 'Ibraheem'],
  ['Omar', 'Umar'],
  ['Khalid', 'Khaled'],
  ['Hassan', 'Hasan'],
  ['Abdirahman', 'Abdulrahman', 'Abdi-Rahman', 'Abdurahman'],
  ['Abdullahi', 'Abdullah'],
  ['Hamza', 'Hamzah'],
  ['Bilal', 'Belal'],
  ['Zain', 'Zayn', 'Zane'],
  ['Aleksander', 'Alexander', 'Aleksandr'],
  ['Jakub', 'Jacob', 'Jakob'],
  ['Piotr', 'Peter'],
  ['Mateusz', 'Matthew'],
  ['Gjergj', 'Gjergji', 'George'],
  ['Andrei', 'Andrey', 'Andrew'],
  ['Tyrese', 'Tyreese', 'Tyreece'],
  ['Jaden', 'Jayden', 'Jaiden'],
  ['Kai', 'Kye'],
  ['Jermaine', 'Germaine'],
  ['Shaquille', 'Shakeel'],
  ['Aaliyah', 'Aliyah', 'Aleah'],
  ['Sean', 'Shaun', 'Shawn'],
  ['Conor', 'Connor'],
  ['Niamh', 'Neve'],
  ['Stephen', 'Steven'],
  ['Jonathan', 'Jonathon'],
];

/** Formal name → what people are called (Daniel → Dan, Danny). */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Michael: ['Mike', 'Mikey'],
  Daniel: ['Dan', 'Danny'],
  Jermaine: ['Jerry', 'Jay'],
  Anthony: ['Tony', 'Ant'],
  Thomas: ['Tom', 'Tommy'],
  Joseph: ['Joe', 'Joey'],
  Christopher: ['Chris'],
  Nathaniel: ['Nathan', 'Nate'],
  Jonathan: ['Jon', 'Jonny'],
  William: ['Will', 'Billy'],
  Robert: ['Rob', 'Bobby'],
  James: ['Jim', 'Jamie'],
  Benjamin: ['Ben'],
  Samuel: ['Sam', 'Sammy'],
  Alexander: ['Alex'],
  Joshua: ['Josh'],
  Matthew: ['Matt'],
  Nicholas: ['Nick'],
  Richard: ['Rich', 'Ricky'],
  Stephen: ['Steve'],
  Callum: ['Cal'],
  Kieran: ['Kez'],
  Marcus: ['Marc'],
  Tyrone: ['Ty'],
  Emmanuel: ['Manny'],
  Oluwaseun: ['Seun'],
  Babajide: ['Jide'],
  Chukwuemeka: ['Emeka'],
  Abdirahman: ['Abdi'],
  Mohammed: ['Mo'],
  Ibrahim: ['Ibby'],
  Krzysztof: ['Krzys'],
  Rebecca: ['Becky'],
  Jessica: ['Jess'],
  Samantha: ['Sam'],
  Charlotte: ['Charlie'],
  Elizabeth: ['Liz', 'Beth'],
  Kimberley: ['Kim'],
  Danielle: ['Dani'],
  Jennifer: ['Jen', 'Jenny'],
  Victoria: ['Vicky'],
  Natasha: ['Tash'],
  Stephanie: ['Steph'],
};

/** Surname spellings a force may record for the same person. */
export const SURNAME_VARIANTS: readonly (readonly string[])[] = [
  ['Thompson', 'Thomson'],
  ['Phillips', 'Philips'],
  ['Macdonald', 'McDonald', 'MacDonald'],
  ["O'Brien", 'OBrien', 'O Brien'],
  ["O'Connor", 'OConnor', 'O Connor'],
  ["O'Neill", 'ONeill', "O'Neil"],
  ['Stephenson', 'Stevenson'],
  ['Reid', 'Reed', 'Read'],
  ['Clarke', 'Clark'],
  ['Gray', 'Grey'],
  ['Davies', 'Davis'],
  ['Matthews', 'Mathews'],
  ['Mackenzie', 'McKenzie', 'MacKenzie'],
  ['Choudhury', 'Chowdhury', 'Choudhry', 'Chaudhry'],
  ['Hussain', 'Hussein', 'Husain'],
  ['Ahmed', 'Ahmad'],
  ['Rahman', 'Rehman'],
  ['Mahmood', 'Mahmud', 'Mehmood'],
  ['Mohamed', 'Mohammed', 'Mohamud'],
  ['Uddin', 'Udin'],
  ['Wiśniewski', 'Wisniewski'],
  ['Wójcik', 'Wojcik'],
  ['Zieliński', 'Zielinski'],
  ['Lăcătuș', 'Lacatus'],
  ['Kowalski', 'Kowalsky'],
  ['Hoxha', 'Hoxa'],
  ['Krasniqi', 'Krasniqui'],
  ['Nguyen', 'Nguyễn'],
  ['Mahmoud', 'Mahmood'],
  ['Othman', 'Osman'],
  ['Campbell', 'Cambell'],
  ['Adeyemi', 'Adeyemie'],
];

const STREET_NAMES = [
  'Bugzy', 'Lil T', 'K-Dog', 'Skinny', 'Smurf', 'Tiny', 'Chunks', 'Trigga', 'Ghost', 'Shotta', 'Rico', 'Dizzy',
  'Kash', 'Zeeks', 'Biggs', 'Lil Man', 'Scrappy', 'Snoop', 'Fatz', 'Marley', 'Mowgli', 'Deebo', 'Young K', 'Spitz',
  'Risky', 'Tallz', 'Slim', 'Mizz', 'Ace', 'Nitro', 'J-Money', 'Little D', 'Stacks', 'Blade', 'Smokey', 'Rambo',
  'Junior', 'Bam', 'Tricky', 'Kilo', 'Dotz', 'Rugrat', 'Sniper', 'Bones', 'Nugget', 'Peanut', 'Bossman', 'Razor',
];

/** Brands lines trade under; the same brand is used by unrelated lines in different places. */
export const LINE_BRANDS = [
  'JAY', 'BUGZY', 'TONY', 'MOSS', 'K', 'SCOTTY', 'AJ', 'DEE', 'MANNY', 'LEWIS', 'BRANDO', 'TOOTS', 'ZEE', 'REGGIE',
  'NIKE', 'GUCCI', 'BANDO', 'DUBZ', 'KENZO', 'RAMBO', 'SMOKEY', 'JUNIOR', 'DANNY', 'CHARLIE', 'SONNY', 'BLUE', 'PAPA',
  'MIZZY', 'TK', 'RIKO', 'BOSS', 'MONEY', 'SPEEDY', 'FRESH', 'JAMAL', 'TEE', 'REDZ', 'OBI', 'PEPSI', 'FLEX', 'AMIR',
  'KAY', 'ZAC', 'BENZ', 'DRE', 'ROCKS', 'TANK', 'TIGER', 'ROLEX', 'MARLEY', 'GHOST', 'ACE', 'JOKER', 'SKINNY', 'LUCKY',
  'COCO', 'DIGGA', 'MIKEY', 'SCRAPPY', 'BLADE', 'TOMMY', 'NINJA', 'CASH', 'DIAMOND', 'KILO', 'SHAQ', 'BILLY', 'YUSUF',
];

export interface PersonName {
  forenames: string;
  surname: string;
  streetNames: string[];
}

export function drawName(rng: Rng, gender: 'M' | 'F', withStreetName: boolean): PersonName {
  const pool = rng.weighted(POOLS.map((p) => [p, p.weight] as const));
  const given = gender === 'M' ? pool.male : pool.female;
  let forenames = rng.pick(given);
  if (rng.chance(0.25)) {
    const middle = rng.pick(given);
    if (middle !== forenames) forenames = `${forenames} ${middle}`;
  }
  let surname = rng.pick(pool.surnames);
  if (rng.chance(0.05)) {
    const other = rng.pick(POOLS[rng.int(0, 2)].surnames);
    if (other !== surname) surname = `${surname}-${other}`;
  }
  const streetNames = withStreetName ? [streetName(rng, forenames)] : [];
  if (withStreetName && rng.chance(0.15)) streetNames.push(streetName(rng, forenames));
  return { forenames, surname, streetNames: [...new Set(streetNames)] };
}

function streetName(rng: Rng, forenames: string): string {
  const first = forenames.split(' ')[0];
  return rng.weighted<() => string>([
    [() => rng.pick(STREET_NAMES), 6],
    [() => `Lil ${first[0]}`, 1],
    [() => `${first[0]}-Dog`, 1],
    [() => `Big ${NICKNAMES[first]?.[0] ?? first}`, 1],
    [() => `Young ${first}`, 1],
  ])();
}

const variantIndex = (table: readonly (readonly string[])[]) => {
  const m = new Map<string, readonly string[]>();
  for (const group of table) for (const name of group) m.set(name, group);
  return m;
};
const FORENAME_GROUP = variantIndex(FORENAME_VARIANTS);
const SURNAME_GROUP = variantIndex(SURNAME_VARIANTS);

function otherOf(rng: Rng, group: readonly string[] | undefined, name: string): string | undefined {
  if (!group) return undefined;
  const others = group.filter((n) => n !== name);
  return others.length ? rng.pick(others) : undefined;
}

/** A keyboard slip: transposed, dropped or doubled letter (never on names under 4 letters). */
export function typo(rng: Rng, name: string): string {
  if (name.length < 4) return name;
  const i = rng.int(1, name.length - 2);
  const kind = rng.int(0, 2);
  if (kind === 0 && name[i] !== name[i + 1] && name[i] !== ' ' && name[i + 1] !== ' ') {
    return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
  }
  if (kind === 1 && name[i] !== ' ' && name[i] !== '-') return name.slice(0, i) + name.slice(i + 1);
  if (/[a-z]/.test(name[i])) return name.slice(0, i + 1) + name[i] + name.slice(i + 1);
  return name;
}

function hyphenVariant(rng: Rng, surname: string): string {
  const parts = surname.split('-');
  return rng.pick([parts.join(' '), parts[parts.length - 1], parts[0]]);
}

/**
 * How one force records a person: one or two kinds of noise applied to the true
 * name. Forenames may be left out only when a street name is recorded (V2-NOM-NAME).
 */
export function nameVariant(rng: Rng, name: PersonName): PersonName {
  let { forenames, surname } = name;
  let streetNames = name.streetNames.slice();
  const kinds = rng.chance(0.2) ? 2 : 1;
  for (let k = 0; k < kinds && forenames; k++) {
    const first = forenames.split(' ')[0];
    const rest = forenames.split(' ').slice(1).join(' ');
    const withFirst = (f: string) => (rest ? `${f} ${rest}` : f);
    const kind = rng.weighted([
      ['translit', FORENAME_GROUP.has(first) ? 4 : 0],
      ['nick', NICKNAMES[first] ? 3 : 0],
      ['surnameSpelling', SURNAME_GROUP.has(surname) ? 4 : 0],
      ['hyphen', surname.includes('-') ? 5 : 0],
      ['typo', 3],
      ['swap', 1],
      ['middle', rest ? 2 : 0],
      ['noForenames', streetNames.length ? 1 : 0],
    ] as const);
    if (kind === 'translit') forenames = withFirst(otherOf(rng, FORENAME_GROUP.get(first), first) ?? first);
    else if (kind === 'nick') forenames = withFirst(rng.pick(NICKNAMES[first]));
    else if (kind === 'surnameSpelling') surname = otherOf(rng, SURNAME_GROUP.get(surname), surname) ?? surname;
    else if (kind === 'hyphen') surname = hyphenVariant(rng, surname);
    else if (kind === 'typo') {
      if (rng.chance(0.6)) surname = typo(rng, surname);
      else forenames = withFirst(typo(rng, first));
    } else if (kind === 'swap') [forenames, surname] = [surname, first];
    else if (kind === 'middle') forenames = first;
    else if (kind === 'noForenames') forenames = '';
  }
  if (streetNames.length > 1 && rng.chance(0.5)) streetNames = [rng.pick(streetNames)];
  return { forenames, surname, streetNames };
}

/** How a force records a line's brand (`BUGZY`, `Bugzy line`, `BUGZ`). */
export function lineNameVariant(rng: Rng, brand: string): string {
  const title = brand.length <= 2 ? brand : brand[0] + brand.slice(1).toLowerCase();
  return rng.weighted<() => string>([
    [() => title, 3],
    [() => `${brand} LINE`, 3],
    [() => `${title} line`, 2],
    [() => (brand.length > 3 ? brand.slice(0, -1) : `${brand}1`), 1],
    [() => `${brand} 2`, 1],
  ])();
}
