import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

/**
 * Paths pino censors wherever a caller might pass them: credentials, bodies and configuration
 * values. The proxy never logs these on purpose; this is the net under that rule.
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'body',
  'configuration',
  'password',
  'token',
  'secrets',
  'adminApiKey',
  'sessionSecret',
  'encryptionKey',
  '*.authorization',
  '*.cookie',
  '*.body',
  '*.configuration',
  '*.password',
  '*.token',
  '*.secrets',
];

/** The proxy's structured logger (JSON lines); tests pass a destination stream to read it. */
export function createLogger(opts: { level?: LevelWithSilent; destination?: DestinationStream } = {}): Logger {
  const options = { level: opts.level ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
