import type { Templates } from '../localize.js';

/**
 * German. A locale module is the messages of one language by id (the keys of messages.ts), loaded
 * as its own chunk when an element resolves to it; an id it lacks shows in English.
 */
export const templates: Templates = {
  'error.validation_failed': 'Einige Angaben sind ungültig. Prüfen Sie sie und versuchen Sie es erneut.',
  'error.unsupported_media_type':
    'Diese Seite hat eine Anfrage gesendet, die der Verbindungsdienst nicht annimmt. Laden Sie die Seite neu und versuchen Sie es erneut.',
  'error.payload_too_large': 'Ihre Eingabe ist zu lang zum Senden. Kürzen Sie sie und versuchen Sie es erneut.',
  'error.headers_too_large': 'Diese Seite hat eine zu große Anfrage gesendet. Laden Sie die Seite neu und versuchen Sie es erneut.',
  'error.not_found': 'Diese App oder Verbindung existiert nicht mehr. Laden Sie die Seite neu, um die aktuelle Liste zu sehen.',
  'error.conflict': 'Dies wurde gleichzeitig an anderer Stelle geändert. Laden Sie die Seite neu und versuchen Sie es erneut.',
  'error.precondition_failed':
    'Dies wurde zwischenzeitlich an anderer Stelle geändert. Laden Sie die Seite neu und versuchen Sie es erneut.',
  'error.idempotency_key_reused': 'Diese Angaben wurden bereits mit einer anderen Anfrage gesendet. Versuchen Sie es erneut.',
  'error.session_invalid': 'Ihre Sitzung ist ungültig. Laden Sie die Seite neu, um sich erneut anzumelden.',
  'error.session_expired': 'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich erneut anzumelden.',
  'error.admin_key_invalid': 'Der Verbindungsdienst ist nicht richtig eingerichtet. Wenden Sie sich an den Support.',
  'error.forbidden': 'Sie sind dazu nicht berechtigt. Bitten Sie Ihren Administrator um Zugriff.',
  'error.rate_limited': 'Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es dann erneut.',
  'error.credentials_rejected': 'Die App hat diese Zugangsdaten nicht akzeptiert. Prüfen Sie sie und versuchen Sie es erneut.',
  'error.address_refused': 'Diese Adresse ist für diese App nicht zulässig. Prüfen Sie sie und versuchen Sie es erneut.',
  'error.vendor_error': 'Die App hat mit einem Fehler geantwortet. Versuchen Sie es gleich noch einmal.',
  'error.vendor_unreachable': 'Die App konnte nicht erreicht werden. Versuchen Sie es gleich noch einmal.',
  'error.vendor_timeout': 'Die App hat nicht rechtzeitig geantwortet. Versuchen Sie es gleich noch einmal.',
  'error.state_invalid': 'Dieser Anmeldeversuch ist abgelaufen oder wurde bereits verwendet. Beginnen Sie von vorn.',
  'error.consent_denied':
    'Der Zugriff wurde in der App nicht gewährt. Um die Verbindung herzustellen, beginnen Sie von vorn und erlauben Sie den Zugriff.',
  'error.refresh_failed': 'Die Verbindung zur App ist nicht mehr gültig. Verbinden Sie die App neu, um fortzufahren.',
  'error.database_unavailable': 'Der Verbindungsdienst kann gerade nicht speichern. Versuchen Sie es gleich noch einmal.',
  'error.service_unavailable': 'Der Verbindungsdienst ist gerade nicht verfügbar. Versuchen Sie es gleich noch einmal.',
  'error.internal_error':
    'Im Verbindungsdienst ist ein Fehler aufgetreten. Versuchen Sie es erneut; wenn das Problem weiterhin besteht, wenden Sie sich an den Support.',
  'error.network_error': 'Der Verbindungsdienst konnte nicht erreicht werden. Versuchen Sie es gleich noch einmal.',
  'error.timeout': 'Der Verbindungsdienst hat nicht rechtzeitig geantwortet. Versuchen Sie es gleich noch einmal.',
  'error.invalid_response':
    'Der Verbindungsdienst hat eine Antwort gesendet, die diese Seite nicht lesen kann. Versuchen Sie es erneut; wenn das Problem weiterhin besteht, wenden Sie sich an den Support.',
  'error.popup_blocked':
    'Der Browser hat das Anmeldefenster blockiert. Erlauben Sie Pop-ups für diese Seite und versuchen Sie es erneut, oder fahren Sie in diesem Tab fort.',
  'error.unknown':
    'Etwas ist schiefgelaufen. Versuchen Sie es erneut; wenn das Problem weiterhin besteht, wenden Sie sich an den Support.',
  'oauth.consent-denied': 'Sie haben den Zugriff in {app} abgelehnt. Verbinden Sie die App erneut und erlauben Sie den Zugriff.',
  'oauth.window-closed': 'Das Anmeldefenster wurde vor dem Abschluss geschlossen. Wählen Sie „Weiter“, um von vorn zu beginnen.',
  'oauth.timeout': 'Die Anmeldung bei {app} hat zu lange gedauert. Beginnen Sie von vorn.',
  'catalog.error-title': 'Die Apps konnten nicht geladen werden',
  'catalog.session-title': 'Sitzung abgelaufen',
  slow: 'Das dauert länger als üblich …',
  'card.manage': 'Verwalten',
  'card.reconnect': 'Neu verbinden',
  'card.add': 'Weiteres Konto hinzufügen',
  'instance.check': 'Verbindung prüfen',
  'attention.banner': '{app} erfordert eine erneute Anmeldung.',
  'attention.sign-in': 'Melden Sie sich erneut an, damit die Verbindung weiter funktioniert.',
  'attention.settings': 'Verbinden Sie die App neu, um ihre Einstellungen zu aktualisieren.',
  'instance.connected': 'Verbunden am {date}',
  'instance.checked': 'Zuletzt geprüft am {date}',
  'instance.unchecked': 'Noch nicht geprüft',
  'instance.check-ok': 'Die Verbindung funktioniert.',
  'notice.pending': '{app} wird noch verbunden …',
  'notice.failed': '{app} wurde nicht verbunden: {reason}',
  'details.toggle': 'Details',
  'details.methods': 'Anmeldemethoden',
  'details.scopes': 'Fordert an: {scopes}',
  'details.docs': 'Dokumentation',
  'dialog.connected-title': '{app} ist verbunden',
  'dialog.updates': 'Meldet „{name}“ erneut an; die Zuordnungen bleiben erhalten.',
  'dialog.duplicate': 'Dies ist dasselbe {app}-Konto wie „{name}“ ({identity}).',
  'dialog.duplicate-update': 'Stattdessen „{name}“ aktualisieren',
  'dialog.duplicate-keep': 'Beide behalten',
  'catalog.connected-filter': 'Verbunden',
  'catalog.none-connected': 'Noch keine Apps verbunden.',
  'catalog.request-integration': 'Integration anfragen',
  'catalog.count': 'one:{count} App|other:{count} Apps',
};
