import { cmp } from './evidence.js';
import type { NetworkGraph } from './network.js';

// The matrix's original method, kept only for side-by-side comparison: people
// listed by the number of times they came to police attention (the sum of
// Police Contacts over all their rows). HMICFRS (2020) found this puts
// street-level dealers, often exploited children, above controlling minds.

export interface ContactsRanked {
  personId: string;
  rank: number;
  policeContacts: number;
}

export function rankByContacts(graph: NetworkGraph): ContactsRanked[] {
  const rows: { personId: string; policeContacts: number }[] = [];
  graph.forEachNode((key, attrs) => {
    if (attrs.kind !== 'person') return;
    let contacts = 0;
    graph.forEachOutEdge(key, (_e, edge) => {
      if (edge.type === 'ON_LINE') contacts += edge.policeContacts;
    });
    rows.push({ personId: attrs.id, policeContacts: contacts });
  });
  rows.sort((a, b) => b.policeContacts - a.policeContacts || cmp(a.personId, b.personId));
  return rows.map((r, i) => ({ ...r, rank: i + 1 }));
}
