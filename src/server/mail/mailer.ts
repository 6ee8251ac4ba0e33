import { createTransport } from 'nodemailer';
import type { Logger } from '../log.js';

/** One email: a text part and an HTML part of the same words. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** How the server sends email: one call per message; a failure throws (the caller keeps what it was sending). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface SmtpSettings {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer's connection URL). */
  url: string;
  /** The sender, e.g. `Acme Books <no-reply@acme.example>`. */
  from: string;
  /** Connection, greeting and socket timeout; default 10000 ms. */
  timeoutMs?: number;
}

/** A Mailer over SMTP (nodemailer). A server that is down or refuses the message makes `send` throw. */
export function createSmtpMailer(settings: SmtpSettings, logger: Pick<Logger, 'info'>): Mailer {
  const timeout = settings.timeoutMs ?? 10_000;
  const transport = createTransport({
    url: settings.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: settings.from, ...message });
      // The message id, never the address or the words: they are the customer's.
      logger.info({ messageId: info.messageId }, 'Email sent');
    },
    close: () => transport.close(),
  };
}

/** The SMTP URL without its password, for log lines. */
export function redactSmtpUrl(url: string): string {
  const u = URL.parse(url);
  if (!u) return 'the configured SMTP URL';
  if (u.password) u.password = '***';
  return u.href;
}
