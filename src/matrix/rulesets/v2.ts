// MATRIX-V2 as a rule set: every rule of the revised guidance and the columns it requires.
import { ADDRESS_RULES } from '../rules/addresses.js';
import { ASSOCIATION_RULES } from '../rules/associations.js';
import { FILE_RULES } from '../rules/file.js';
import { LINE_RULES } from '../rules/lines.js';
import { NOMINAL_RULES } from '../rules/nominals.js';
import { RETURN_RULES } from '../rules/return.js';
import { SHARED_RULES } from '../rules/shared.js';
import type { RuleSet } from '../run-rules.js';

export const V2: RuleSet = {
  version: 2,
  prefix: 'V2',
  rules: [...FILE_RULES, ...RETURN_RULES, ...LINE_RULES, ...SHARED_RULES, ...NOMINAL_RULES, ...ADDRESS_RULES, ...ASSOCIATION_RULES],
  required: {
    return: ['force', 'month', 'version', 'nilReturn', 'preparedBy'],
    lines: [
      'ref',
      'name',
      'dealNumbers',
      'exportingForce',
      'exportingArea',
      'importingAreas',
      'status',
      'investigation',
      'firstSeen',
      'lastActivity',
      'childExploitation',
      'adultExploitation',
      'cuckooing',
      'violence',
      'intelReports',
      'evidential',
      'handlingCode',
    ],
    nominals: ['ref', 'lineRef', 'role', 'surname', 'exploited', 'policeContacts'],
    addresses: ['lineRef', 'postcode', 'type'],
    associations: ['fromRef', 'toRef', 'relationship'],
  },
};
