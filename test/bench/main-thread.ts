// Main-thread CPU time of a page between two `performance.mark()`s, read from a Chrome trace. On a
// shared, busy machine wall time mostly measures the other processes; the thread's own CPU time
// (the trace's `tdur`) moves far less, so it is the figure to compare two builds by.
import type { Browser, Page } from 'playwright';

/** Enough for the top-level tasks and microtask checkpoints of every thread, and the page's marks. */
const CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/**
 * Runs `work` under tracing and answers the CPU milliseconds the page's main thread spent between
 * the marks `from` and `to` (which `work` sets): the thread time of each top-level event, the part
 * of it inside the window pro rata.
 */
export async function mainThreadCpu(
  browser: Browser,
  page: Page,
  from: string,
  to: string,
  work: () => Promise<unknown>,
): Promise<number> {
  await browser.startTracing(page, { categories: CATEGORIES });
  let trace: Buffer;
  try {
    await work();
  } finally {
    trace = await browser.stopTracing();
  }
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const start = events.find((e) => e.name === from);
  const end = events.find((e) => e.name === to);
  if (!start || !end) throw new Error(`The trace lacks the marks ${from} and ${to}.`);
  const main = events.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.dur).sort((a, b) => a.ts - b.ts);
  let cpu = 0;
  let topLevelEnd = 0;
  for (const e of main) {
    if (e.ts < topLevelEnd) continue; // inside the current top-level event, already counted
    topLevelEnd = e.ts + e.dur!;
    const inside = Math.min(topLevelEnd, end.ts) - Math.max(e.ts, start.ts);
    if (inside > 0) cpu += (e.tdur ?? e.dur!) * (inside / e.dur!);
  }
  return cpu / 1000;
}
