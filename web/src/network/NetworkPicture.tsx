import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import { extremityArrow, layerFill, layerPlain, pathLine, sdfCircle, sdfDiamond, sdfSquare } from 'sigma/rendering';
import { toApiError } from '../api/errors';
import { navigate } from '../router';
import { ErrorMessage, Loading } from '../screens/common';
import { networkUrl, type WindowQuery } from './api';
import { saveBlob } from './csv';
import type { LayoutAnswer, LayoutRequest } from './layout.worker';
import { LEGEND, pictureGraph, type NetworkJson } from './picture-graph';
import { windowParams } from './scope';

// This module is loaded only when an analyst opens the picture (React.lazy in
// Person.tsx): sigma, graphology and the ForceAtlas2 worker stay out of the
// first screen's JavaScript.

async function fetchNetwork(url: string): Promise<NetworkJson> {
  const res = await fetch(url, { credentials: 'same-origin' });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toApiError(res.status, body);
  return body as NetworkJson;
}

/** ForceAtlas2 iterations: enough for a neighbourhood of tens of nodes to settle; fewer (each dearer) for thousands, to draw within seconds. */
const layoutIterations = (order: number) => (order <= 200 ? 300 : order <= 1000 ? 150 : 60);

export function NetworkPicture({ personId, q, depth }: { personId: string; q: WindowQuery; depth: number }) {
  const network = useQuery({ queryKey: ['network', personId, q, depth], queryFn: () => fetchNetwork(networkUrl(personId, q, depth, 'json')) });
  if (network.isPending) return <Loading label="Loading the network…" />;
  if (network.isError) return <ErrorMessage error={network.error} />;
  return <Picture key={`${personId}|${depth}`} data={network.data} centre={`person:${personId}`} q={q} />;
}

export default NetworkPicture;

function Picture({ data, centre, q }: { data: NetworkJson; centre: string; q: WindowQuery }) {
  const container = useRef<HTMLDivElement>(null);
  const renderer = useRef<Sigma | null>(null);
  const [picture] = useState(() => pictureGraph(data, centre));
  const graph = picture.graph;
  const [layout, setLayout] = useState<'running' | 'done' | 'failed'>('running');
  const [timings, setTimings] = useState<{ sigma: number; layout: number; total: number } | null>(null);
  // The window for the links a click opens; read when clicked, so a re-render never redraws the picture.
  const window_ = useRef(q);
  window_.current = q;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const started = performance.now();
    // Laid out in a worker while sigma builds its programs and draws the starting positions
    // on this thread; drawn again once with the final positions.
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<LayoutAnswer>) => {
      const { positions, ms } = e.data;
      worker.terminate();
      // One redraw, scheduled (sigma merges it with the one the update itself asks for); done when drawn.
      sigma.once('afterRender', () => {
        setLayout('done');
        setTimings({ sigma: Math.round(constructed), layout: ms, total: Math.round(performance.now() - started) });
      });
      graph.updateEachNodeAttributes((node, attrs) => ({ ...attrs, ...positions[node] }), { attributes: ['x', 'y'] });
      sigma.scheduleRefresh();
    };
    const request: LayoutRequest = {
      nodes: graph.mapNodes((key, a) => ({ key, x: a.x as number, y: a.y as number })),
      edges: graph.mapEdges((_e, _a, source, target) => [source, target] as [string, string]),
      iterations: layoutIterations(graph.order),
    };
    worker.onerror = () => {
      worker.terminate();
      setLayout('failed');
    };
    worker.postMessage(request);
    const sigma = new Sigma(graph, el, {
      // As few primitives as the picture needs: sigma compiles one program from all of them.
      primitives: {
        nodes: { shapes: [sdfCircle(), sdfSquare(), sdfDiamond()], layers: [layerFill()] },
        edges: { paths: [pathLine()], extremities: [extremityArrow()], layers: [layerPlain()] },
      },
      styles: {
        nodes: { ...DEFAULT_STYLES.nodes, size: { attribute: 'size' }, shape: { attribute: 'shape' }, color: { attribute: 'color' } },
        edges: {
          ...DEFAULT_STYLES.edges,
          color: { attribute: 'color' },
          size: { attribute: 'size' },
          path: 'straight',
          head: 'arrow',
          label: { attribute: 'label' },
          // Edge labels only on hover: a picture of thousands of relationships stays readable.
          labelVisibility: { whenState: 'isHovered', then: 'visible', else: 'hidden' },
        },
      },
      settings: { enableEdgeEvents: true, renderEdgeLabels: true, labelRenderedSizeThreshold: 6, itemSizesReference: 'screen', zoomToSizeRatioFunction: (r) => Math.sqrt(r) },
    });
    renderer.current = sigma;
    const constructed = performance.now() - started;
    sigma.on('clickNode', ({ node }) => {
      const [kind, id] = splitKey(node);
      if (kind === 'person' || kind === 'line') navigate(`/${kind === 'person' ? 'people' : 'lines'}/${id}`, windowParams(window_.current));
    });
    sigma.on('enterNode', ({ node }) => {
      const [kind] = splitKey(node);
      el.style.cursor = kind === 'person' || kind === 'line' ? 'pointer' : 'default';
    });
    sigma.on('leaveNode', () => (el.style.cursor = 'default'));

    return () => {
      worker.terminate();
      sigma.kill();
      renderer.current = null;
    };
  }, [graph]);

  const savePng = () => {
    const sigma = renderer.current;
    if (!sigma) return;
    // The WebGL buffer is cleared once shown: draw now and copy it in the same task, over white.
    sigma.refresh();
    const stage = sigma.getStageCanvas();
    const out = document.createElement('canvas');
    out.width = stage.width;
    out.height = stage.height;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(stage, 0, 0);
    out.toBlob((blob) => blob && saveBlob(blob, `${centre.replace(':', '-')}.png`), 'image/png');
  };

  return (
    <div className="picture">
      <p className="hint">
        {graph.order} nodes and {graph.size} links. Larger people score higher; click a person or a line to open it; hover over a link to read it. Scroll to zoom, drag
        to move.
      </p>
      <div
        ref={container}
        className="sigma-container"
        data-node-count={graph.order}
        data-edge-count={graph.size}
        data-layout={layout}
        data-sigma-ms={timings?.sigma}
        data-layout-ms={timings?.layout}
        data-drawn-ms={timings?.total}
        role="img"
        aria-label={`Network picture of ${graph.order} nodes and ${graph.size} links; the same people and lines are listed below.`}
      />
      {layout === 'failed' && <p className="banner error">The layout could not run in this browser: the picture shows the starting positions.</p>}
      <div className="actions">
        <button type="button" className="secondary" onClick={savePng} disabled={layout === 'running'}>
          Download PNG
        </button>
      </div>
      <ul className="legend" aria-label="Legend">
        {LEGEND.map((l) => (
          <li key={l.label}>
            <span className={`swatch shape-${l.shape}`} style={{ background: l.color }} aria-hidden="true" />
            {l.label}
          </li>
        ))}
      </ul>
      <details>
        <summary>People and lines in the picture ({picture.listed.length})</summary>
        <ul className="picture-list">
          {picture.listed.map((n) => (
            <li key={n.key}>
              <a href={`#/${n.kind === 'person' ? 'people' : 'lines'}/${n.id}?${new URLSearchParams(windowParams(q))}`}>{n.label}</a> <span className="muted">{n.note}</span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

const splitKey = (key: string): [string, string] => {
  const i = key.indexOf(':');
  return [key.slice(0, i), key.slice(i + 1)];
};
