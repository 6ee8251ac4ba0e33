// The script-tag entry: registers every element. Classes live in their own folders so a host can
// subclass or scope them; providers are defined before consumers.
export { ApiClient, ApiError } from './api/client.js';
export { apiContext } from './contexts.js';
export { CeConnectDialog } from './connect-dialog/connect-dialog.js';

import { CeConnectDialog } from './connect-dialog/connect-dialog.js';
customElements.define('ce-connect-dialog', CeConnectDialog);
declare global {
  interface HTMLElementTagNameMap {
    'ce-connect-dialog': CeConnectDialog;
  }
}
