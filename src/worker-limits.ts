/**
 * The young generation of every worker thread the service starts (worker-pool.ts, read-workbook.ts).
 * A worker's is otherwise V8's small default, not the service's --max-semi-space-size: the
 * millions of short-lived objects of a merge or a window then cost a national merge 5 s more of
 * scavenges (resolving 21 s, 15.5 s at 192 MB; 384 MB gave nothing more), a window's first query
 * 10-20%, and reading a 20,000-row workbook about 0.1 s.
 */
export const WORKER_YOUNG_MB = 192;
