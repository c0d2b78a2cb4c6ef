import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../matrix/fixtures.js';
import { workbookFor } from '../helpers/fixture-returns.js';
import { createTestContext, type TestContext } from '../helpers/test-app.js';
import { upload } from '../helpers/upload.js';

// A merge as a job: the request answers at once with the job, the analyst
// follows its stages, and the merge it stores is the same one the
// synchronous route would have stored.

const M = '2024-03';
const ASYNC = { prefer: 'respond-async' };
type Login = Awaited<ReturnType<TestContext['login']>>;

describe('merge jobs', () => {
  let ctx: TestContext;
  let emsou: Login;
  let eastern: Login;
  let force: Login;

  beforeAll(async () => {
    ctx = await createTestContext({ now: () => NOW });
    const lei = await ctx.login('FORCE_ANALYST', { force: 'LEI' });
    force = lei;
    emsou = await ctx.login('ROCU_ANALYST', { region: 'EAST_MIDLANDS' });
    eastern = await ctx.login('ROCU_ANALYST', { region: 'EASTERN' });
    expect((await upload(ctx.app, lei.headers, await workbookFor('LEI'))).statusCode).toBe(201);
  });
  afterAll(() => ctx.close());

  const startMerge = (who: Login, region = 'EAST_MIDLANDS') =>
    ctx.app.inject({ method: 'POST', url: `/api/v1/regions/${region}/merges`, headers: { ...who.headers, ...ASYNC }, payload: { month: M } });
  const getJob = (who: Login, id: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/jobs/${id}`, headers: who.headers });

  it('answers 202 with the job at once, and the job ends with the stored merge', async () => {
    const started = await startMerge(emsou);
    expect(started.statusCode).toBe(202);
    const job = started.json();
    expect(started.headers.location).toBe(`/api/v1/jobs/${job.id}`);
    expect(started.headers['retry-after']).toBe('2');
    expect(job).toMatchObject({ kind: 'merge', scope: 'EAST_MIDLANDS' });

    await ctx.app.services.jobs.get(job.id).done;
    const finished = (await getJob(emsou, job.id)).json();
    expect(finished.status).toBe('succeeded');
    expect(finished.stage).toBe('done');
    expect(finished.stages.map((s: { stage: string }) => s.stage)).toEqual(expect.arrayContaining(['loading returns', 'resolving', 'saving', 'done']));
    const { merges } = (await ctx.app.inject({ method: 'GET', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: emsou.headers })).json();
    expect(merges.map((m: { id: string }) => m.id)).toContain(finished.result.id);
    expect(finished.result.missing.missing).toEqual(expect.arrayContaining(['DER', 'LIN', 'NOT', 'NTH']));
  });

  it('audits the stored merge when the job finishes, as the synchronous route does', async () => {
    const job = (await startMerge(emsou)).json();
    await ctx.app.services.jobs.get(job.id).done;
    await ctx.app.services.audit.drain();
    const done = (await getJob(emsou, job.id)).json();
    const entries = await ctx.app.services.audit.list({ targetId: done.result.id, limit: 10 });
    expect(entries).toEqual([expect.objectContaining({ action: 'merges.run', targetKind: 'merge', status: 201, userId: emsou.userId })]);
  });

  it('shows a job only to those who may see its region', async () => {
    const job = (await startMerge(emsou)).json();
    await ctx.app.services.jobs.get(job.id).done;
    expect((await getJob(eastern, job.id)).statusCode).toBe(403);
    expect((await getJob(force, job.id)).statusCode).toBe(403);
    expect((await getJob(emsou, '00000000-0000-4000-8000-000000000000')).json().error.code).toBe('jobs.not_found');
  });

  it('refuses to start a merge of a region the caller may not see, before any job exists', async () => {
    const res = await startMerge(eastern, 'EAST_MIDLANDS');
    expect(res.statusCode).toBe(403);
  });

  it('still answers the synchronous request with the merge itself', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/regions/EAST_MIDLANDS/merges', headers: emsou.headers, payload: { month: M } });
    expect(res.statusCode).toBe(201);
    expect(res.json().scope).toBe('EAST_MIDLANDS');
  });
});
