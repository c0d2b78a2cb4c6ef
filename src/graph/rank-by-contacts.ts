import { cmp } from './evidence.js';
import { isVictim, personFlags, victimFlags, type PersonFlags } from './index.js';
import type { NetworkGraph } from './network.js';

// The matrix's original method, kept only for side-by-side comparison: people
// listed by the number of times they came to police attention (the sum of
// Police Contacts over all their rows). HMICFRS (2020) found this puts
// street-level dealers, often exploited children, above controlling minds.
// As in the structural ranking (rank.ts), a child or exploited person gets no
// controller rank (issue #11 point 3); `overallRank` places everyone.

export interface ContactsRanked {
  personId: string;
  /** Place among people who are neither children nor exploited; null for those who are. */
  rank: number | null;
  overallRank: number;
  policeContacts: number;
  flags: PersonFlags;
}

export function rankByContacts(graph: NetworkGraph): ContactsRanked[] {
  const rows: { personId: string; policeContacts: number; victim: boolean; flags: PersonFlags }[] = [];
  graph.forEachNode((key, attrs) => {
    if (attrs.kind !== 'person') return;
    let contacts = 0;
    graph.forEachOutEdge(key, (_e, edge) => {
      if (edge.type === 'ON_LINE') contacts += edge.policeContacts;
    });
    rows.push({ personId: attrs.id, policeContacts: contacts, victim: isVictim(victimFlags(attrs)), flags: personFlags(attrs) });
  });
  rows.sort((a, b) => b.policeContacts - a.policeContacts || cmp(a.personId, b.personId));
  let next = 1;
  return rows.map(({ victim, ...r }, i) => ({ ...r, rank: victim ? null : next++, overallRank: i + 1 }));
}
