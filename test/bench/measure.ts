// The load-test helpers the bench steps share (run.ts, passthrough.ts): autocannon runs, taken in
// turns so a busy machine weighs on every target alike, and the table cells they print.
import autocannon, { type Result } from 'autocannon';

export const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
export const CONNECTIONS = 10;
const ROUNDS = 5;

export type Row = [string, ...string[]];
/** One printed table. */
export interface Section {
  title: string;
  head: Row;
  rows: Row[];
  notes: string[];
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** autocannon in a worker thread, so the load generator does not share the servers' event loop. */
export async function load(opts: Parameters<typeof autocannon>[0]): Promise<Result> {
  return autocannon({ duration: DURATION_S, workers: 1, ...opts });
}

/**
 * Each target warmed for a second, then measured in ROUNDS short turns taken in rotation, so a
 * change in the machine's load (it is shared) falls on all of them alike. Per target: req/s over
 * all turns, the median turn's p50 and the worst turn's p99.
 */
type Target = Parameters<typeof autocannon>[0];
/** One result per target, in the targets' order (a tuple for a literal list). */
type Results<T extends readonly Target[]> = { -readonly [K in keyof T]: Result };

export async function interleaved<const T extends readonly Target[]>(targets: T): Promise<Results<T>> {
  for (const t of targets) await load({ ...t, duration: 1 });
  const turns: Result[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, t] of targets.entries()) turns[i]!.push(await load({ ...t, duration: DURATION_S / ROUNDS }));
  }
  return turns.map((rs): Result => {
    const total = rs.reduce((n, r) => n + r.requests.total, 0);
    const seconds = rs.reduce((n, r) => n + r.duration, 0);
    const sum = (k: 'non2xx' | 'errors' | 'timeouts') => rs.reduce((n, r) => n + r[k], 0);
    return {
      ...rs[0]!,
      requests: { ...rs[0]!.requests, average: total / seconds, total },
      latency: { ...rs[0]!.latency, p50: median(rs.map((r) => r.latency.p50)), p99: Math.max(...rs.map((r) => r.latency.p99)) },
      non2xx: sum('non2xx'),
      errors: sum('errors'),
      timeouts: sum('timeouts'),
    };
  }) as Results<T>;
}

export function failures(r: Result): string {
  const bad = r.non2xx + r.errors + r.timeouts;
  return bad ? `${fmt(bad)} failed (${fmt(r.non2xx)} non-2xx, ${fmt(r.errors)} errors, ${fmt(r.timeouts)} timeouts)` : '';
}
