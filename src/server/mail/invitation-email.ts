import type { MailMessage } from './mailer.js';

export interface InvitationEmailInput {
  to: string;
  /** The host's name, e.g. "Acme Books". */
  hostName: string;
  /** The invitee's name, when the admin gave one. */
  name?: string;
  /** The inviter's own words (plain text: line breaks kept, markup shown as written). */
  message?: string;
  /** The invited apps' names. */
  apps: string[];
  /** The connect page's link, with its token. */
  url: string;
  expiresAt: string;
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** `2026-12-07 09:00 UTC`: the same in every mail client, whatever its time zone. */
export const formatExpiry = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

// Header values must stay on one line.
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/** The invitation email: a text part and an HTML part; everything the admin typed is escaped in the HTML. */
export function invitationEmail(input: InvitationEmailInput): MailMessage {
  const { hostName, apps, url } = input;
  const expiry = formatExpiry(input.expiresAt);
  const greeting = input.name ? `Hello ${input.name},` : 'Hello,';
  const intro = `${hostName} invites you to connect ${apps.length === 1 ? 'an app' : `${apps.length} apps`} to your account:`;
  const text = [
    greeting,
    '',
    intro,
    ...apps.map((a) => `  - ${a}`),
    ...(input.message ? ['', `Message from ${hostName}:`, input.message] : []),
    '',
    `Connect them here: ${url}`,
    '',
    `This link works until ${expiry}. Your credentials go to the connection service only; ${hostName} never sees them.`,
    '',
  ].join('\n');
  const e = escapeHtml;
  const html =
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2328">' +
    `<p>${e(greeting)}</p><p>${e(intro)}</p><ul>${apps.map((a) => `<li>${e(a)}</li>`).join('')}</ul>` +
    (input.message
      ? `<p>Message from ${e(hostName)}:</p><blockquote style="white-space:pre-line;border-left:3px solid #d0d7de;margin:0;padding-left:1em">${e(input.message)}</blockquote>`
      : '') +
    `<p><a href="${e(url)}" style="display:inline-block;padding:.6em 1.2em;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">Connect your apps</a></p>` +
    `<p style="font-size:.9em;color:#57606a">Or open this link: ${e(url)}<br>It works until ${e(expiry)}. Your credentials go to the connection service only; ${e(hostName)} never sees them.</p>` +
    '</body></html>';
  return { to: input.to, subject: oneLine(`${hostName} invites you to connect your apps`), text, html };
}
