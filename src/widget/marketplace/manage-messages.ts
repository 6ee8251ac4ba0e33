/**
 * The words of an app's Manage and Details panels: part of the one table in ../messages.ts (same
 * ids, same locales, same host overrides), kept in a module of their own so their English travels
 * in the panels' chunk rather than in the entry every page loads. manage.ts adds them to the table
 * when the chunk arrives, before any panel can ask for one.
 */
export const manageMessages = {
  // A connection in the Manage panel; {app} is the app's name, {name} a connection's, {date} a date
  'instance.list': 'Connections to {app}',
  'instance.connected': 'Connected {date}',
  'instance.checked': 'Last checked {date}',
  'instance.unchecked': 'Not checked yet',
  // {status} is the connection's status, {reason} why it needs attention
  'instance.status-reason': '{status}: {reason}',
  'attention.sign-in': 'Sign in again to keep it working.',
  'attention.settings': 'Reconnect to update its settings.',
  'instance.check': 'Check connection',
  'instance.check-named': 'Check connection: {name}',
  'instance.check-ok': 'The connection works.',
  'instance.rename': 'Rename',
  'instance.rename-named': 'Rename {name}',
  'instance.new-name': 'New name',
  'instance.name-required': 'Enter a name for this connection.',
  'instance.save': 'Save',
  'instance.cancel': 'Cancel',
  'instance.disconnect': 'Disconnect',
  'instance.disconnect-named': 'Disconnect {name}',
  'instance.disconnect-confirm': 'Disconnect “{name}” from {app}? The connection and its settings are removed.',
  'card.add': 'Add another account',
  // The way into the field mapper: a connection's fields mapped to the host's common resources
  'mapper.map-fields': 'Map fields',
  'mapper.map-fields-named': 'Map fields: {name}',
  // An app's detail panel, before connecting; {scopes} lists what a sign-in method asks for
  'details.methods': 'Sign-in methods',
  'details.scopes': 'Asks for: {scopes}',
  'details.docs': 'Documentation',
};

export type ManageMessageId = keyof typeof manageMessages;
