import { ProblemError } from '../problem.js';

// Failures of calls to an element's API are scrubbed of the request's values before anyone logs
// or answers them: a socket error, a header check or a vendor's echo may quote a credential.

const REDACTED = '[redacted]';
// Shorter values are no secret and would shred the text they are cut out of ("eu", "v2").
const MIN_LENGTH = 4;
const MAX_CAUSE_DEPTH = 5;

/** The words to cut: each value and its URL-encoded form, longest first (a value holding another goes whole). */
export function wordsOf(values: Iterable<unknown>): string[] {
  const words = new Set<string>();
  for (const v of values) {
    const s = Array.isArray(v) ? v.join(',') : typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    for (const w of [s, encodeURIComponent(s)]) if (w.length >= MIN_LENGTH) words.add(w);
  }
  return [...words].sort((a, b) => b.length - a.length);
}

export function scrubText(text: string, words: readonly string[]): string {
  return words.reduce((t, w) => t.replaceAll(w, REDACTED), text);
}

/**
 * A copy of an error as a logger prints it (name, message, stack, plain own fields such as code
 * or port, causes and aggregated errors), with `words` cut out. Object fields are dropped unread.
 */
export function scrubError(e: unknown, words: readonly string[], depth = 0): unknown {
  if (!(e instanceof Error)) return typeof e === 'string' ? scrubText(e, words) : e === null || typeof e !== 'object' ? e : REDACTED;
  const out = new Error(scrubText(e.message, words)) as Error & Record<string, unknown>;
  out.name = e.name;
  out.stack = e.stack === undefined ? undefined : scrubText(e.stack, words);
  for (const [key, value] of Object.entries(e)) {
    if (typeof value === 'string') out[key] = scrubText(value, words);
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  if (depth < MAX_CAUSE_DEPTH) {
    if (e.cause !== undefined) out.cause = scrubError(e.cause, words, depth + 1);
    if (e instanceof AggregateError) out.errors = e.errors.map((x: unknown) => scrubError(x, words, depth + 1));
  }
  return out;
}

/**
 * A failure without the request's values: `logged` words cut from what is logged (the cause, an
 * unknown error), `answered` words (the secrets) also from a problem's detail and field messages.
 */
export function scrubFailure(e: unknown, logged: readonly string[], answered: readonly string[]): unknown {
  if (!(e instanceof ProblemError)) return scrubError(e, logged);
  const clean = (s: string) => scrubText(s, answered);
  return new ProblemError(
    e.code,
    e.detail === undefined ? undefined : clean(e.detail),
    e.errors?.map((f) => ({ field: f.field, message: clean(f.message) })),
    { cause: e.cause === undefined ? undefined : scrubError(e.cause, logged), headers: e.headers },
  );
}
