import { nysiis } from './similarity.js';

// Name normalisation before comparison. Forces type the same person in
// different ways: case, punctuation, accents, transliterations of Arabic and
// Slavic names, nicknames, hyphenated or half-used double-barrelled surnames,
// and forename/surname swapped. Everything here is deterministic and pure.

/** Upper case, accents dropped, apostrophes removed, every other non-letter a space, spaces collapsed. */
export function cleanName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/['’`]/g, '')
    .replace(/[^A-Z]+/g, ' ')
    .trim();
}

export function nameTokens(value: string | null): string[] {
  if (!value) return [];
  const c = cleanName(value);
  return c ? c.split(' ') : [];
}

// Transliteration families: spellings of one name that forces record
// interchangeably. Each list's first entry is the folded form.
const TRANSLITERATIONS: string[][] = [
  ['MUHAMMAD', 'MOHAMMED', 'MOHAMED', 'MOHAMMAD', 'MOHAMAD', 'MUHAMMED', 'MUHAMED', 'MOHD', 'MOHAMMOD', 'MAHOMED', 'MOHAMUD', 'MUHAMAD', 'MOHAMET'],
  ['AHMED', 'AHMAD', 'AHMET', 'AHMAED', 'AHMADI'],
  ['HUSSAIN', 'HUSSEIN', 'HUSAIN', 'HUSEIN', 'HOSSAIN', 'HOSSEIN', 'HUSSAYN'],
  ['HASSAN', 'HASAN', 'HASSEN'],
  ['YUSUF', 'YOUSUF', 'YOUSEF', 'YOUSSEF', 'YUSEF', 'YOSEF', 'YOUSIF'],
  ['UMAR', 'OMAR', 'OMER', 'UMER'],
  ['USMAN', 'OSMAN', 'UTHMAN', 'OTHMAN'],
  ['IBRAHIM', 'EBRAHIM', 'IBRAHEEM', 'IBRAHIMA'],
  ['MUSTAFA', 'MOSTAFA', 'MUSTAPHA', 'MOUSTAFA'],
  ['KHALID', 'KHALED', 'KALID'],
  ['ABDULLAH', 'ABDALLAH', 'ABDULAH', 'ABDALA'],
  ['ABDUL', 'ABDOOL', 'ABDEL', 'ABDAL'],
  ['ALI', 'ALY', 'ALEE'],
  ['HAMZA', 'HAMZAH'],
  ['KHAN', 'KAHN'],
  ['ABUBAKAR', 'ABUBAKR', 'ABUBAKER'],
  ['ALEKSANDR', 'ALEXANDR', 'ALEKSANDER', 'OLEKSANDR', 'ALEXANDER', 'ALEKSANDAR', 'ALEXANDRE', 'OLEXANDR'],
  ['ALEKSANDRA', 'ALEXANDRA', 'OLEKSANDRA'],
  ['SERGEI', 'SERGEY', 'SERGII', 'SERHIY'],
  ['DMITRI', 'DMITRY', 'DMYTRO', 'DIMITRI'],
  ['ALEKSEI', 'ALEXEI', 'ALEXEY', 'OLEKSII'],
  ['YURI', 'YURIY', 'IURII', 'YURIJ'],
  ['MIKHAIL', 'MYKHAILO', 'MIHAIL'],
  ['NIKOLAI', 'NIKOLAY', 'MYKOLA'],
  ['ABDIRAHMAN', 'ABDULRAHMAN', 'ABDURAHMAN', 'ABDIRAHMAAN'],
  ['ABDULLAHI', 'ABDULAHI'],
  ['BILAL', 'BELAL'],
  ['ZAIN', 'ZAYN', 'ZANE'],
  ['MAHMOOD', 'MAHMUD', 'MEHMOOD', 'MAHMOUD', 'MEHMUD'],
  ['CHOUDHURY', 'CHOWDHURY', 'CHOUDHRY', 'CHAUDHRY', 'CHAUDHARY'],
  ['RAHMAN', 'REHMAN'],
  ['JAKUB', 'JACOB', 'JAKOB'],
  ['PIOTR', 'PETER'],
  ['MATEUSZ', 'MATTHEW'],
  ['GJERGJ', 'GJERGJI', 'GEORGE'],
  ['ANDREW', 'ANDREI', 'ANDREY', 'ANDRII'],
  ['TYRESE', 'TYREESE', 'TYREECE', 'TYRESS'],
  ['JADEN', 'JAYDEN', 'JAIDEN', 'JAYDON'],
  ['KAI', 'KYE'],
  ['JERMAINE', 'GERMAINE'],
  ['SHAQUILLE', 'SHAKEEL', 'SHAQUIL'],
  ['AALIYAH', 'ALIYAH', 'ALEAH'],
  ['SEAN', 'SHAUN', 'SHAWN'],
  ['CONNOR', 'CONOR'],
  ['NIAMH', 'NEVE'],
  ['STEPHEN', 'STEVEN'],
  ['JONATHAN', 'JONATHON'],
  ['CHUKWUEMEKA', 'CHUKWUMEKA'],
  ['OLUWASEUN', 'OLUSEUN'],
];

// Nickname → formal forenames (the usual British diminutives and those of
// the communities county-lines returns record). A nickname may stand for
// several names (CHARLIE: Charles or Charlotte; SAM: Samuel or Samantha).
const NICKNAMES: Record<string, string[]> = {
  MIKE: ['MICHAEL'], MIKEY: ['MICHAEL'], MICK: ['MICHAEL'], MICKY: ['MICHAEL'], MICHEAL: ['MICHAEL'],
  BILL: ['WILLIAM'], BILLY: ['WILLIAM'], WILL: ['WILLIAM'], WILLIE: ['WILLIAM'], LIAM: ['WILLIAM'],
  BOB: ['ROBERT'], BOBBY: ['ROBERT'], ROB: ['ROBERT'], ROBBIE: ['ROBERT'],
  DAVE: ['DAVID'], DAVEY: ['DAVID'], DAI: ['DAVID'],
  JIM: ['JAMES'], JIMMY: ['JAMES'], JAMIE: ['JAMES'], JAY: ['JAMES', 'JERMAINE', 'JASON'],
  TOM: ['THOMAS'], TOMMY: ['THOMAS'], TONY: ['ANTHONY'], ANT: ['ANTHONY'], ANTONY: ['ANTHONY'],
  DAN: ['DANIEL'], DANNY: ['DANIEL'], DANI: ['DANIELLE', 'DANIEL'],
  CHRIS: ['CHRISTOPHER', 'CHRISTINE'], KRIS: ['CHRISTOPHER'],
  STEVE: ['STEPHEN'], STEVIE: ['STEPHEN'], STEPH: ['STEPHANIE'],
  JOE: ['JOSEPH'], JOEY: ['JOSEPH'], JOSH: ['JOSHUA'], SAM: ['SAMUEL', 'SAMANTHA'], SAMMY: ['SAMUEL'],
  BEN: ['BENJAMIN'], BENJI: ['BENJAMIN'], MATT: ['MATTHEW'], MATTY: ['MATTHEW'], NICK: ['NICHOLAS'], NICKY: ['NICHOLAS'],
  ALEX: ['ALEXANDER', 'ALEXANDRA'], ALEC: ['ALEXANDER'], JON: ['JONATHAN'], JONNY: ['JONATHAN'], JOHNNY: ['JOHN'], JACK: ['JOHN'],
  ED: ['EDWARD'], EDDIE: ['EDWARD'], TED: ['EDWARD'], RICH: ['RICHARD'], RICHIE: ['RICHARD'], RICKY: ['RICHARD'], RICK: ['RICHARD'],
  PETE: ['PETER'], GREG: ['GREGORY'], KEN: ['KENNETH'], TIM: ['TIMOTHY'], FRED: ['FREDERICK'], FREDDIE: ['FREDERICK'],
  HARRY: ['HENRY'], CHARLIE: ['CHARLES', 'CHARLOTTE'], ANDY: ['ANDREW'], DREW: ['ANDREW'],
  NATE: ['NATHANIEL', 'NATHAN'], NAT: ['NATHANIEL', 'NATALIE'], RAY: ['RAYMOND'], RON: ['RONALD'], TERRY: ['TERENCE'],
  ZAK: ['ZACHARY'], ZACH: ['ZACHARY'], CAL: ['CALLUM'], KEZ: ['KIERAN'], MARC: ['MARCUS'], TY: ['TYRONE', 'TYRESE'],
  JERRY: ['JERMAINE', 'GERALD'], MANNY: ['EMMANUEL'], SEUN: ['OLUWASEUN'], JIDE: ['BABAJIDE'], EMEKA: ['CHUKWUEMEKA'],
  ABDI: ['ABDIRAHMAN'], MO: ['MUHAMMAD'], IBBY: ['IBRAHIM'], KRZYS: ['KRZYSZTOF'],
  LIZ: ['ELIZABETH'], LIZZIE: ['ELIZABETH'], BETH: ['ELIZABETH'], KATE: ['KATHERINE'], KATIE: ['KATHERINE'],
  JESS: ['JESSICA'], BECKY: ['REBECCA'], VICKY: ['VICTORIA'], MAGGIE: ['MARGARET'], JEN: ['JENNIFER'], JENNY: ['JENNIFER'],
  KIM: ['KIMBERLEY'], TASH: ['NATASHA'], TASHA: ['NATASHA'], SUE: ['SUSAN'], ABBY: ['ABIGAIL'],
};

const FOLD = new Map<string, string>();
for (const family of TRANSLITERATIONS) for (const spelling of family) FOLD.set(spelling, family[0]);

/**
 * Transliteration folding, plus the Scottish/Irish prefix MAC → MC
 * (MACDONALD = MCDONALD). Surnames get only this; nicknames make no sense there.
 */
export function foldToken(token: string): string {
  const t = FOLD.get(token) ?? token;
  return t.startsWith('MAC') && t.length > 5 ? `MC${t.slice(3)}` : t;
}

/** A forename token's canonical forms: folded, and the formal names a nickname stands for (MIKE → MICHAEL). */
export function forenameForms(token: string): string[] {
  const t = foldToken(token);
  return NICKNAMES[t]?.map(foldToken) ?? [t];
}

/** The one canonical form used for phonetic keys and blocking. */
export function canonicalToken(token: string): string {
  return forenameForms(token)[0];
}

/** Phonetic key of a folded token (NYSIIS, see similarity.ts). */
export function phoneticKey(token: string): string {
  return nysiis(token);
}

/** `YY/NNNNNNNL` with leading zeros of the serial dropped and the letter upper case (§1); null when not a PNC ID. */
export function normalisePnc(value: string | null): string | null {
  if (!value) return null;
  const m = /^\s*(\d{2})\s*\/\s*0*(\d{1,7})\s*([A-Za-z])\s*$/.exec(value);
  if (!m) return null;
  return `${m[1]}/${m[2] === '' ? '0' : m[2]}${m[3].toUpperCase()}`;
}

/** A postcode district or area text upper case with spaces and punctuation removed. */
export function squashCode(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A line brand as compared across forces: letters and digits only, upper case, a trailing word LINE dropped ("Bugzy line" = "BUGZY"). */
export function normaliseLineName(value: string): string {
  const upper = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  const squashed = upper.replace(/\s+LINE\s*$/, '').replace(/[^A-Z0-9]/g, '');
  return squashed || upper.replace(/[^A-Z0-9]/g, '');
}

/** Blocking key of a brand: its first four letters, so BUGZY, BUGZ and BUGZY 2 meet. */
export function brandBlockKey(value: string): string {
  return normaliseLineName(value).replace(/\d+$/, '').slice(0, 4);
}

/** An importing area as `FORCE:AREA` for overlap tests, ignoring case, spaces and punctuation (§4). */
export function areaKey(force: string, area: string): string {
  return `${force.toUpperCase()}:${squashCode(area)}`;
}
