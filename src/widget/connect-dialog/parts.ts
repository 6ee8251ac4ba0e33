/**
 * The connect dialog's CSS parts, each with its description in the comment above it: the one list.
 * The marketplace re-exports them from here, and the docs plugin
 * (scripts/custom-elements-manifest.config.mjs) writes both components' part tables from the
 * comments, which cost the bundle nothing.
 */
export const DIALOG_PARTS = [
  /** The native `<dialog>`. */
  'dialog',
  /** The top bar with logo, title and close button. */
  'header',
  /** The app's logo. */
  'logo',
  /** The dialog's heading ("Connect Sandbox ERP"). */
  'title',
  /** The × button. */
  'close-button',
  /** The scrolling middle part. */
  'body',
  /** The app's description; when reconnecting, which connection the dialog signs in again. */
  'description',
  /** The question when a new connection is to the same account as an existing one. */
  'duplicate',
  /** The bottom bar with the buttons. */
  'footer',
  /** The sign-in method chooser (a fieldset of radios), shown when there are several. */
  'auth-type',
  /** The `<form>`. */
  'form',
  /** One field: label, input, help and error. */
  'field',
  /** A field's label (or legend). */
  'label',
  /** A field's input, textarea, select or checkbox. */
  'input',
  /** A prefix or suffix beside an input (e.g. `https://`, `.zendesk.com`). */
  'adornment',
  /** The show/hide button of a password field. */
  'password-toggle',
  /** A field's help text (description, example, help link). */
  'help',
  /** A field's error message. */
  'error',
  /** The form-level alert. */
  'form-error',
  /** The error shown when the form could not be loaded, with its retry button. */
  'load-error',
  /** Reloads after a load error. */
  'retry-button',
  /** The "Show optional fields" button. */
  'optional-toggle',
  /** The Cancel button. */
  'cancel-button',
  /** The Connect button. */
  'submit-button',
  /** The "connected" message. */
  'success',
  /** The Done button after success. */
  'done-button',
] as const;

export type DialogPart = (typeof DIALOG_PARTS)[number];

/** An `exportparts` value re-exporting every dialog part as `<prefix><part>` (e.g. `dialog__input`). */
export const exportDialogParts = (prefix: string) => DIALOG_PARTS.map((part) => `${part}:${prefix}${part}`).join(', ');
