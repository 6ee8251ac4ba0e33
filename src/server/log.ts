import { pino, stdSerializers, type DestinationStream, type LevelWithSilent, type Logger as PinoLogger } from 'pino';

/** The server's one logger type: pino's (createLogger below) fits it, and so does a test's memory logger. */
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  /** Lets a hot path skip building a line that would not be written. */
  isLevelEnabled(level: 'info' | 'warn' | 'error'): boolean;
}

/**
 * Paths pino censors wherever a caller might pass them: credentials, bodies and configuration
 * values. The server never logs these on purpose; this is the net under that rule.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  // One level down (headers.authorization, req.body, …) is censorNested's; these are two down.
  'req.headers.authorization',
  'req.headers.cookie',
  'body',
  'configuration',
  'password',
  'token',
  'secrets',
  'adminApiKey',
  'sessionSecret',
  'encryptionKey',
];

/**
 * Keys censored one level down under any top-level key (what pino's `*.key` paths would do).
 * Done here instead: a leading-wildcard path makes pino run its redactor on every key of every
 * line, ~13 µs per request log line.
 */
export const REDACTED_NESTED_KEYS = ['authorization', 'cookie', 'body', 'configuration', 'password', 'token', 'secrets'];

const CENSOR = '[redacted]';

/** A copy of `obj` with REDACTED_NESTED_KEYS censored inside its object values; `obj` itself when none is there. */
function censorNested(obj: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key in obj) {
    const value = obj[key];
    if (value === null || typeof value !== 'object') continue;
    let copy: Record<string, unknown> | undefined;
    for (const nested of REDACTED_NESTED_KEYS) {
      if (!Object.hasOwn(value, nested)) continue;
      // An Error's message and stack are not enumerable: keep them by serialising it first.
      copy ??=
        value instanceof Error
          ? Object.assign(Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>, stdSerializers.err(value))
          : { ...(value as Record<string, unknown>) };
      copy[nested] = CENSOR;
    }
    if (copy) (out ??= { ...obj })[key] = copy;
  }
  return out ?? obj;
}

/** The server's structured logger (JSON lines on stdout); tests pass a destination stream to read it. */
export function createLogger(opts: { level?: LevelWithSilent; destination?: DestinationStream } = {}): PinoLogger {
  const options = {
    level: opts.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: CENSOR },
    formatters: { log: censorNested },
  };
  // Asynchronous stdout: lines written while a write is in flight go out together, not one
  // syscall per request; pino flushes what is left when the process exits.
  return pino(options, opts.destination ?? pino.destination({ dest: 1, sync: false }));
}
