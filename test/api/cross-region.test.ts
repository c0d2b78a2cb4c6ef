import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, setMeta, toXlsx, validReturn } from '../matrix/fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { upload } from '../helpers/upload.js';

// A line and its controller under active investigation in Leicestershire
// (East Midlands) and in the Met (London): the East Midlands ROCU learns that
// the Met is on them too, and nothing else of the Met's data.
describe('deconfliction across regional borders', () => {
  let ctx: TestContext;
  let emsou: { headers: Record<string, string> };
  let alerts: { kind: string; label: string; forces: { force: string; refs: string[] }[]; outsideRegion?: string[]; message: string }[];

  const metReturn = () => {
    const fx = validReturn();
    setMeta(fx, 'Force', 'MET');
    setMeta(fx, 'Contact Email', 'analyst@met.police.example');
    fx.lines.rows = [{ ...fx.lines.rows[0], 'Line Ref': 'MET-9001', 'Line Name': 'JAYJAY', 'Importing Areas': 'LEI:Loughborough' }];
    fx.nominals.rows = fx.nominals.rows
      .filter((n) => n['Line Ref'] === 'LEI-L001')
      .map((n) => ({
        ...n,
        'Nominal Ref': `MET-${String(n['Nominal Ref'])}`,
        'Line Ref': 'MET-9001',
        Surname: `${String(n.Surname)}SECRETNAME`,
        'Exploited By': n['Exploited By'] ? `MET-${String(n['Exploited By'])}` : undefined,
      }));
    fx.addresses = null;
    fx.associations = null;
    return fx;
  };

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    const lei = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    const met = await ctx.login('FORCE_ANALYST', { force: 'MET' });
    emsou = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    expect((await upload(ctx.app, lei.headers, await toXlsx(validReturn()))).statusCode).toBe(201);
    const m = await upload(ctx.app, met.headers, await toXlsx(metReturn()));
    expect(m.statusCode, m.body).toBe(201);
    const merge = await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: emsou.headers, payload: { month: '2024-03' } });
    expect(merge.statusCode).toBe(201);
    alerts = (await ctx.app.inject({ method: 'GET', url: `/api/v1/regions/EAST_MIDLANDS/merges/${merge.json().id}/alerts?limit=1000`, headers: emsou.headers })).json().alerts;
  });
  afterAll(() => ctx.close());

  it('alerts on the shared deal number and the shared PNC ID, naming the Met and nothing of its data', () => {
    expect(alerts.map((a) => `${a.kind}:${a.label}:${a.forces.map((f) => `${f.force}(${f.refs.join(',')})`).join('+')}:${a.outsideRegion?.join(',')}`).sort()).toEqual([
      'line:JAY:LEI(LEI-L001):MET',
      'person:SMITH, John (1990-05-01):LEI(LEI-N001):MET',
    ]);
    const text = JSON.stringify(alerts);
    expect(text).not.toMatch(/MET-9001|MET-LEI-N001|SECRETNAME|JAYJAY/);
    expect(alerts[0].message).toMatch(/and by MET outside the region: contact that force to deconflict\.$/);
  });

  it('keeps the Met person itself out of the ROCU analyst’s reach', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/controllers?scope=MET&month=2024-03&months=1', headers: emsou.headers });
    expect(res.statusCode).toBe(403);
  });
});
