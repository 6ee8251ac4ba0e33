import type { ApiErrorCode } from './api/client.js';
import type { DialogMessageId } from './dialog-messages.js';
import type { MapperMessageId } from './mapper-messages.js';
import type { ManageMessageId } from './marketplace/manage-messages.js';

/**
 * The widget's own words for the end user, by stable message id: the one table a translation
 * replaces (ready for @lit/localize: an id never changes meaning, each entry is a whole sentence).
 * Every error code has an entry (`error.<code>`); the proxy's `detail` is never shown, only its
 * field errors beside their fields.
 */
const entry = {
  // The request itself
  'error.validation_failed': 'Some details are not valid. Check them and try again.',
  'error.unsupported_media_type': 'This page sent a request the connection service does not accept. Reload the page and try again.',
  'error.payload_too_large': 'What you entered is too long to send. Shorten it and try again.',
  'error.headers_too_large': 'This page sent a request that is too large. Reload the page and try again.',
  'error.not_found': 'This app or connection no longer exists. Reload the page to see the current list.',
  'error.conflict': 'This changed elsewhere at the same time. Reload the page and try again.',
  'error.precondition_failed': 'This changed elsewhere in the meantime. Reload the page and try again.',
  'error.idempotency_key_reused': 'These details were already sent with a different request. Try again.',
  // Who is calling
  'error.session_invalid': 'Your session is not valid. Reload the page to sign in again.',
  'error.session_expired': 'Your session has expired. Reload the page to sign in again.',
  'error.admin_key_invalid': 'The connection service is not set up correctly. Contact support.',
  'error.forbidden': 'You are not allowed to do this. Ask your administrator for access.',
  'error.rate_limited': 'Too many attempts. Wait a minute, then try again.',
  // The connected app
  'error.credentials_rejected': 'The app did not accept these credentials. Check them and try again.',
  'error.address_refused': 'This address is not allowed for this app. Check it and try again.',
  'error.vendor_error': 'The app answered with an error. Try again in a moment.',
  'error.vendor_unreachable': 'The app could not be reached. Try again in a moment.',
  'error.vendor_timeout': 'The app did not answer in time. Try again in a moment.',
  // OAuth 2
  'error.state_invalid': 'This sign-in attempt expired or was already used. Start again.',
  'error.consent_denied': 'Access was not granted at the app. To connect, start again and allow access.',
  'error.refresh_failed': 'The connection to the app has lapsed. Reconnect it to continue.',
  // The connection service
  'error.database_unavailable': 'The connection service cannot save right now. Try again in a moment.',
  'error.service_unavailable': 'The connection service is unavailable right now. Try again in a moment.',
  'error.internal_error': 'Something went wrong in the connection service. Try again; if it keeps happening, contact support.',
  // The widget's own
  'error.network_error': 'The connection service could not be reached. Try again in a moment.',
  'error.timeout': 'The connection service did not answer in time. Try again in a moment.',
  'error.invalid_response':
    'The connection service sent an answer this page cannot read. Try again; if it keeps happening, contact support.',
  'error.popup_blocked': 'The browser blocked the sign-in window. Allow pop-ups for this page and try again, or continue in this tab.',
  'error.unknown': 'Something went wrong. Try again; if it keeps happening, contact support.',
  // Titles of the marketplace's error state
  'catalog.error-title': 'The apps could not be loaded',
  'catalog.session-title': 'Session expired',
  // A request still running after a few seconds
  slow: 'This is taking longer than usual…',
  // Connection lifecycle; {app} is the app's name (the Manage panel's words are in ./marketplace/manage-messages.ts)
  'card.manage': 'Manage',
  'card.reconnect': 'Reconnect',
  'attention.banner': '{app} needs you to sign in again.',
  'notice.pending': 'Still connecting {app}…',
  'notice.failed': '{app} was not connected: {reason}',
  // A card and its connections (marketplace); {name} is an app's or a connection's name
  'status.not_connected': 'Not connected',
  'status.connected': 'Connected',
  'status.needs_attention': 'Needs attention',
  'card.connect': 'Connect',
  'card.connect-named': 'Connect {name}',
  'card.manage-named': 'Manage {name}',
  'card.manage-count': 'Manage ({count})',
  'card.reconnect-named': 'Reconnect {name}',
  'card.categories': 'Categories',
  'card.loading': 'Loading…',
  // An app's Details button (its panel's words are in ./marketplace/manage-messages.ts)
  'details.toggle': 'Details',
  'details.toggle-named': 'Details {name}',
  // The connect dialog's frame, shown before its chunk is here (the words of its steps come with
  // the chunk: dialog-messages.ts); {app} is the app's name
  'dialog.connected-title': '{app} is connected',
  'dialog.connect-app': 'Connect {app}',
  'dialog.reconnect-app': 'Reconnect {app}',
  'dialog.connect': 'Connect',
  'dialog.reconnect': 'Reconnect',
  'dialog.close': 'Close',
  'dialog.cancel': 'Cancel',
  'dialog.loading': 'Loading…',
  'dialog.retry': 'Retry',
  // The catalog's filters and empty state
  'catalog.connected-filter': 'Connected',
  'catalog.none-connected': 'No apps are connected yet.',
  'catalog.request-integration': 'Request an integration',
  // The marketplace's header and states; {query} is what the user searched for, {category} a category
  'catalog.apps': 'Apps',
  'catalog.search': 'Search apps',
  'catalog.category': 'Category',
  'catalog.all-categories': 'All categories',
  'catalog.setup-title': 'This marketplace is not set up',
  'catalog.setup': 'Set its proxy-url attribute to the address of your proxy.',
  'catalog.empty': 'No apps are available yet.',
  'catalog.no-match': 'No apps match “{query}”',
  'catalog.no-match-in': 'No apps match “{query}” in “{category}”',
  'catalog.none-in': 'No apps in “{category}”',
  'catalog.clear': 'Clear search',
  'catalog.retry': 'Retry',
  // "Show more" under the cards: {count} the cards it adds, {rest} all not yet shown
  'catalog.more': 'other:Show {count} more ({rest} not shown)',
  // How many apps the catalog shows: one form per plural category (see Localized.plural in localize.ts)
  'catalog.count': 'one:{count} app|other:{count} apps',
} satisfies Record<`error.${ApiErrorCode}`, string> & Record<string, string>;

/** The entry's table: the words a page may show before any chunk has loaded. */
export const messages = entry;

/**
 * Every message id: the entry's, and those whose English comes with a chunk and joins the table
 * when it loads (localize.ts addEnglish): the dialog's body's (./dialog-messages.ts), the Manage
 * and Details panels' (./marketplace/manage-messages.ts), the mapper's (./mapper-messages.ts).
 */
export type MessageId = keyof typeof entry | DialogMessageId | ManageMessageId | MapperMessageId;

/**
 * Words with their `{placeholders}` filled in (a missing one is left empty): every message goes
 * through it. With a `locale`, numbers are written its way ("1.234"; a string's toLocaleString is itself).
 */
export const fill = (words: string, vars: Record<string, string | number> = {}, locale?: string): string =>
  words.replace(/\{(\w+)\}/g, (_, k: string) => {
    const value = vars[k] ?? '';
    return locale ? value.toLocaleString(locale) : String(value);
  });

/** The widget's words for an error code. */
export const errorMessage = (code: ApiErrorCode): string => messages[`error.${code}`];
