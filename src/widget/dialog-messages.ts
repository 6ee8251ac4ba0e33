/**
 * The connect dialog's body's words, part of the one table in ./messages.ts (same ids, same locale
 * files in ./locales/), kept in a module of their own so their English travels in the dialog's
 * chunk rather than in the entry every page loads: the chunk adds them to the table as it loads
 * (connect-flow.ts), before anything renders them. `{app}` is the app's name, `{name}` a field's or a
 * connection's.
 */
export const dialogMessages = {
  // The dialog's steps; the frame's words (title, Close, Cancel, Loading…) are in the entry's table
  'dialog.updates': 'Signs in “{name}” again; its mappings stay.',
  'dialog.updates-identity': 'Signs in “{name}” again; its mappings stay. ({identity})',
  'dialog.duplicate': 'This is the same {app} account as “{name}” ({identity}).',
  'dialog.duplicate-update': 'Update “{name}” instead',
  'dialog.duplicate-keep': 'Keep both',
  'dialog.no-methods': 'This app has no sign-in method set up. Contact support.',
  'dialog.sign-in-with': 'Sign in with',
  'dialog.method-unavailable': 'This sign-in method is not available yet. Choose another one or contact support.',
  'dialog.success': '{app} is connected as “{name}”.',
  'dialog.success-unnamed': 'The app is connected as “{name}”.',
  'dialog.done': 'Done',
  // Set-up mistakes of the host page
  'dialog.no-proxy': 'No connection service is set up: give this dialog a proxy-url, or place it inside <ce-marketplace>.',
  'dialog.no-element': 'No app is chosen: set the element attribute.',
  // The connect form
  'form.no-details': 'No details are needed. Select Connect to continue.',
  'form.show-optional': 'Show optional fields',
  'form.hide-optional': 'Hide optional fields',
  'form.connecting': 'Connecting…',
  'field.show': 'Show',
  'field.show-label': 'Show {name}',
  'field.example': 'Example: {example}',
  'field.help-link': 'Where do I find this?',
  'field.help-link-hint': '{name}, opens in a new tab',
  'field.choose': 'Choose…',
  // The form's own checks of a value (form-model.ts), before the proxy's; {name} is the field's label
  'field.required': '{name} is required.',
  'field.choose-option': 'Choose {name} from the options given.',
  'field.number': '{name} must be a number.',
  'field.text': '{name} must be text.',
  'field.too-long': '{name} must be at most {max} characters.',
  'field.format': '{name} is not in the expected format.',
  'field.format-example': '{name} is not in the expected format (for example {example}).',
  'field.email': '{name} must be an email address, like name@example.com.',
  'field.url': '{name} must be a web address starting with https://.',
  // The OAuth 2 sign-in
  'oauth.intro': "You'll sign in to {app} in a new window.",
  'oauth.opening': 'Opening the {app} sign-in window…',
  'oauth.waiting': 'Finish signing in to {app} in the window that opened.',
  'oauth.leaving': 'Taking you to {app}…',
  'oauth.finishing': 'Finishing signing in to {app}…',
  'oauth.continue': 'Continue to {app}',
  'oauth.same-tab': 'Continue in this tab',
  'oauth.consent-denied': 'You declined access in {app}. Connect again to allow it.',
  'oauth.window-closed': 'The sign-in window was closed before finishing. Select Continue to start again.',
  'oauth.timeout': 'Signing in to {app} took too long. Start again.',
};

export type DialogMessageId = keyof typeof dialogMessages;
