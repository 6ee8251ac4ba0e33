import * as z from 'zod/mini';
import { identifier, IDENTIFIER_MAX } from './identifiers.js';

/**
 * Invitations: the host's admin emails a customer a link to a hosted connect page limited to some
 * elements. Admin-only answers (server to server), so zod schemas like the webhook deliveries'.
 */
export const INVITATION_STATUSES = ['pending', 'sent', 'not_sent', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const INVITATION_ELEMENT_STATUSES = ['pending', 'connected'] as const;

export const INVITATION_DEFAULT_HOURS = 168;
export const INVITATION_MAX_HOURS = 720;
export const INVITATION_MESSAGE_MAX = 2000;
export const INVITATION_MAX_ELEMENTS = 50;

// Tabs and line breaks are a message's own; other control characters are not text.
const MESSAGE_UNFIT = /[\p{Cc}\uD800-\uDFFF]/u;
const tenantId = identifier(IDENTIFIER_MAX.tenantId);
const elementKey = identifier(IDENTIFIER_MAX.elementKey);
const personName = identifier(200);

export const CreateInvitation = z.strictObject({
  tenantId,
  email: z.email().check(z.maxLength(320)),
  name: z.optional(personName),
  elements: z.array(elementKey).check(z.minLength(1), z.maxLength(INVITATION_MAX_ELEMENTS)),
  message: z.optional(
    z.string().check(
      z.maxLength(INVITATION_MESSAGE_MAX),
      z.refine((s) => !MESSAGE_UNFIT.test(s.replace(/[\t\r\n]/g, ' ')), 'Control characters are not allowed.'),
    ),
  ),
  expiresInHours: z.optional(z.int().check(z.minimum(1), z.maximum(INVITATION_MAX_HOURS))),
});
export type CreateInvitation = z.infer<typeof CreateInvitation>;

/** One invited element and whether the customer has connected it (with the connection, when so). */
export const InvitationElement = z.object({
  key: z.string(),
  name: z.optional(z.string()),
  status: z.enum(INVITATION_ELEMENT_STATUSES),
  instance: z.optional(z.object({ id: z.string(), name: z.string(), status: z.string() })),
});

/** An invitation as the admin API answers it. Never carries the link's token (the email alone does). */
export const Invitation = z.object({
  id: z.string(),
  tenantId: z.string(),
  email: z.string(),
  name: z.optional(z.string()),
  message: z.optional(z.string()),
  /** pending (being sent), sent, not_sent (the email could not be sent: resend), revoked, expired. */
  status: z.enum(INVITATION_STATUSES),
  elements: z.array(InvitationElement),
  /** How many of the invited elements are connected. */
  connected: z.int(),
  sendAttempts: z.int(),
  sentAt: z.optional(z.string()),
  revokedAt: z.optional(z.string()),
  expiresAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;
