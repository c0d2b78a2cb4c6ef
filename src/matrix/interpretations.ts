// Where MATRIX-V2 left a choice open, what the service does and why: the
// "Interpretations" section of docs/guidance.md. Keep each entry next to the
// code it describes in mind; the doc is regenerated from this list.
export const INTERPRETATIONS: readonly { topic: string; choice: string }[] = [
  {
    topic: 'Header and label spellings',
    choice:
      'Headers, Return labels and sheet names match ignoring case, spaces and punctuation ("line_ref", "Deal Number(s)"), and each column also accepts the aliases listed below (one table, src/matrix/columns.ts). A header that appears twice is a V2-FILE-COLUMN error; a blank header is ignored.',
  },
  {
    topic: 'Rows with values only in ignored columns',
    choice: 'A row whose known columns are all empty is skipped like an empty row (it still counts towards the 50,000-row limit).',
  },
  {
    topic: 'Mobile number that lost its leading 0',
    choice:
      'A number cell holding 7XXXXXXXXX is an error under the column\'s rule (V2-LINE-NUMBER / V2-NOM-PHONE), with a message saying the leading 0 was lost and the column must be formatted as Text. Rules have one severity each, and a numeric phone column is a sign other numbers in it may be mangled too; the fix takes the analyst a minute. 447XXXXXXXXX in a number cell is a valid form and is accepted.',
  },
  {
    topic: 'Which numbers are UK mobiles',
    choice:
      'Any 07 + 9 digits, written 07…, +44 7…, +44 (0)7…, 447… or 0044 7…, with spaces, dashes, dots or brackets. The service cannot tell live ranges from retired ones and refusing a real deal line would lose intelligence. A number repeated in one cell is stored once; a number on two lines is an error on the second.',
  },
  {
    topic: 'Dates',
    choice:
      'Accepted, as §1 says: date cells, YYYY-MM-DD and DD/MM/YYYY (a one-digit day or month, 5/3/2024, is read too), and Excel date numbers in date columns (what a date cell becomes when it loses its date format). Anything else is V2-CELL-DATE, however unambiguous: 12.03.1990, 12-03-1990, a time after the date, and MM/DD (11/30/2023). A day-month-year date with dots, dashes or spaces gets a message showing it as DD/MM/YYYY. Range checks (after month end, before First Seen) report under the column\'s own rule.',
  },
  {
    topic: 'Reporting Month and the current month',
    choice:
      'Also accepted: MM/YYYY and any date (its month is taken). "The current month" is the month of the service clock in UK time (Europe/London), so an April return can be sent from midnight on 1 April.',
  },
  {
    topic: 'Guidance Version',
    choice:
      'Written 2, "2", "2.0", "v2" or "Version 2". An unreadable or unknown version is a V2-RETURN-VERSION error and the return is checked under the latest rule set (guidanceVersion is then null). The v1 set has no V1-RETURN-VERSION: it only runs when the version reads 1.',
  },
  {
    topic: 'Force names',
    choice: 'Every force column (Force, Exporting Force, Home Force, the FORCE part of Importing Areas) accepts a code or the full force name, and stores the code.',
  },
  {
    topic: 'Template drop-downs',
    choice:
      'Closed lists (statuses, YES/NO, roles, codes) refuse other values in Excel and LibreOffice. The list columns (Drug Types, Weapons, Vulnerabilities) and the force columns (Force, Exporting Force, Home Force) only suggest: anything can be typed, so "HEROIN; CRACK" or "Leicestershire" can be entered, and a prompt says so; the validator then judges the value.',
  },
  { topic: 'Tick boxes', choice: 'YES/NO columns accept TRUE/FALSE cells (tick boxes) as YES/NO.' },
  {
    topic: 'Formula results',
    choice:
      'A formula\'s saved result is used whatever it is: 0, FALSE and the empty string are results (="" reads as an empty cell). Only a formula saved with no result at all (as openpyxl and other libraries write them) is a V2-CELL-FORMULA error.',
  },
  {
    topic: 'Workbooks from other programs',
    choice:
      'Workbooks saved by Excel, LibreOffice, openpyxl and exceljs are read alike. Notes (comments) are never read: they carry no data, and the reader cannot parse them as openpyxl writes them. When a workbook still cannot be read, it is read once more without its drawings, charts and styles; only if that fails too is it refused as damaged (V2-FILE-FORMAT). Without styles, date cells arrive as date numbers, which date columns accept.',
  },
  {
    topic: 'Error values',
    choice: 'A cell showing a spreadsheet error (#N/A, #REF!) is reported under V2-CELL-FORMULA, like a formula with no saved result.',
  },
  {
    topic: 'Movement between areas',
    choice:
      'V2-LINE-MOVEMENT compares (force, area) pairs when Exporting Force is given, so Newport (Gwent) and Newport (Hampshire) differ; area names compare ignoring case, spaces and punctuation.',
  },
  {
    topic: 'Threshold and grading',
    choice:
      'V2-LINE-THRESHOLD is not judged on a row where Intel Reports, Evidential or Best Grading could not be read (that is already reported). A missing Best Grading on a line with Intel Reports ≥ 1 is reported under V2-GRADING.',
  },
  {
    topic: 'People across rows',
    choice:
      'Child rules use the person\'s DOB from any of their rows. Person-level warnings (V2-NOM-IDENT, V2-NOM-SAFEGUARD) are reported once per person, on their first relevant row. V2-NOM-CONSISTENT compares each row with the first row giving the value and reports each disagreeing row. Naming oneself in Exploited By is a V2-NOM-EXPLOITER error.',
  },
  {
    topic: 'One mistake, one message',
    choice:
      'A Line Ref that breaks V2-LINE-REF is reported there only: rows of Nominals and Addresses naming it exactly as written on Lines (ignoring case) are not also V2-NOM-LINE / V2-ADDR-LINE errors; the same holds for a broken Nominal Ref named in Addresses, Associations or Exploited By. A Safeguarding Referral that cannot be read (Y) is its V2-NOM-CODE error and does not also raise V2-NOM-SAFEGUARD; a Role that cannot be read does not also raise V2-LINE-HOLDER on its line.',
  },
  {
    topic: 'Misspelt codes',
    choice:
      'A value not in a code list gets a suggestion when exactly one code is close: the only code it starts ("Y" → YES), or the only code at the smallest edit distance, counting a swap of neighbours as one edit, at most 1 for codes under 5 letters and 2 otherwise ("CONTROLER" → CONTROLLER, "HERION" → HEROIN). Otherwise the message lists the codes. The suggestion is never applied: the value is still an error.',
  },
  {
    topic: 'Ages',
    choice: 'V2-NOM-DOB: a DOB after today (service clock) is in the future; otherwise the age at the end of the reporting month must be 8–100.',
  },
  {
    topic: 'Handling codes of nominals',
    choice: "A nominal row with no Handling Code takes its line's code and, when that is C, the line's conditions.",
  },
  {
    topic: 'Version 1: columns not required',
    choice:
      'Under v1 a column that is not required may be absent or blank; a value given is checked as in v2, except for rules with no v1 counterpart, whose problems appear only as v2 warnings. In the parsed return a missing Exporting Area is "", a missing Exploited is UNKNOWN, and a missing Handling Code is P.',
  },
  {
    topic: 'Version 1: movement warning',
    choice:
      'V2-LINE-MOVEMENT-SAME is a rule of its own in §4 and is not among the rules §9 says have no v1 counterpart, so v1 keeps it as V1-LINE-MOVEMENT-SAME (a warning).',
  },
  {
    topic: 'Version 1: which v2 errors become warnings',
    choice:
      'Compared problem by problem: a v2 error is passed on as a warning (prefixed "Under guidance version 2 this is an error:") unless the v1 run reported the same rule at the same place. So besides the rules with no v1 counterpart, columns that v2 newly requires show up as V2-FILE-COLUMN warnings.',
  },
  {
    topic: 'Files that cannot be read',
    choice:
      'They are refused as a whole with a stable code and the rule V2-FILE-FORMAT (not a workbook, damaged, password-protected, unsafe paths, XML entity declarations) or V2-FILE-LIMIT (too large, zip bomb, too many rows, parse timeout or memory), reported like any other report: a problems list with that one problem (the API keeps error.code beside it). An OLE2 compound file is reported as password-protected when it holds an encrypted package (how Excel saves an .xlsx with a password) or no workbook stream; one holding a workbook stream is an Excel 97–2003 .xls, and the message says so and to save it as .xlsx (an analyst told of a password looks for one that does not exist). A PDF and a LibreOffice .ods are named as such too.',
  },
  {
    topic: 'Zip bomb threshold',
    choice:
      'A part over 1 MB that inflates more than 100× its compressed size is refused before parsing. exceljs output of 20,000 near-identical rows measured 11×, Excel files ≈6×, bombs 400–1000×. Declared sizes are then verified while inflating under a hard cap, so a zip that lies about them is refused too.',
  },
  {
    topic: 'Nil return',
    choice: 'The Lines and Nominals sheets must still be present with their header rows (as in the template); they may have no data rows.',
  },
  { topic: 'Order of problems', choice: 'Problems are listed sheet by sheet in the guidance\'s order, then by row and column.' },
];
