import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { ErrorMessage, Loading } from '../screens/common';
import type { RegionProps } from './RegionScreens';
import { RELATIONSHIPS } from './words';

// Who the person directs, supplies, exploits… and who does so to them, from the
// network around them (GET /network/:id, depth 1): the forces' Associations
// rows and the ROCU's own links, told apart. The route answers a graph whose
// OpenAPI type is open, so only the fields read here are checked.

interface GraphJson {
  nodes: { key: string; attributes?: { kind?: string; names?: string[] } }[];
  edges: { key: string; source: string; target: string; attributes?: { type?: string; sources?: string[]; forces?: string[] } }[];
}

const isGraph = (x: unknown): x is GraphJson => !!x && Array.isArray((x as GraphJson).nodes) && Array.isArray((x as GraphJson).edges);
const VERB = new Map(RELATIONSHIPS.map((r) => [r.value as string, r.label]));

export function PersonLinks({ id, scope, month, unit, link, nameOf }: { id: string; scope: string; month: string; unit: string; link: RegionProps['link']; nameOf: (personId: string) => string | undefined }) {
  const graph = useQuery({
    queryKey: ['person-network', scope, id, month],
    queryFn: () => unwrap(api.GET('/api/v1/network/{personId}', { params: { path: { personId: id }, query: { scope, month, months: 1, depth: 1, format: 'json' } } })),
  });
  if (graph.isPending) return <Loading label="Loading the links…" />;
  if (graph.isError) return <ErrorMessage error={graph.error} />;
  if (!isGraph(graph.data)) return null;
  const names = new Map(graph.data.nodes.map((n) => [n.key, n.attributes?.names?.[0] ?? n.key.replace(/^person:/, '')]));
  const me = `person:${id}`;
  const links = graph.data.edges.filter((e) => VERB.has(e.attributes?.type ?? '') && (e.source === me || e.target === me));
  if (links.length === 0) return <p className="muted">No link to another person recorded yet.</p>;
  const other = (key: string) => {
    const personId = key.replace(/^person:/, '');
    return <a href={link(`/region/people/${personId}`)}>{nameOf(personId) ?? names.get(key)}</a>;
  };
  return (
    <ul>
      {links.map((e) => (
        <li key={e.key}>
          {e.source === me ? 'This person' : other(e.source)} {VERB.get(e.attributes!.type!)} {e.target === me ? 'this person' : other(e.target)}{' '}
          {e.attributes?.sources?.includes('ROCU') && <span className="badge badge-info">{unit}’s own</span>}
          {e.attributes?.sources?.includes('FORCE') && <span className="muted"> reported by {(e.attributes.forces ?? []).filter((f) => !/_/.test(f)).join(', ') || 'a force'}</span>}
        </li>
      ))}
    </ul>
  );
}
