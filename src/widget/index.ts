// The script-tag entry: registers every element. Classes live in their own folders so a host can
// subclass or scope them; providers are defined before consumers.
export { ApiClient, ApiError, type ApiErrorCode } from './api/client.js';
export { apiContext } from './contexts.js';
export { registerMessages, type Templates } from './localize.js';
export type { MessageId } from './messages.js';
export type {
  ConnectEventDetail,
  ConnectedEventDetail,
  DisconnectedEventDetail,
  ErrorEventDetail,
  RequestIntegrationEventDetail,
  CloseEventDetail,
  CloseSource,
  MappingSavedEventDetail,
} from './events.js';
export { CeMarketplace } from './marketplace/marketplace.js';
export { CeConnectDialog } from './connect-dialog/connect-dialog.js';
export { CeFieldMapper } from './field-mapper/field-mapper.js';
import { CeMarketplace } from './marketplace/marketplace.js';
import { CeConnectDialog } from './connect-dialog/connect-dialog.js';
import { CeFieldMapper } from './field-mapper/field-mapper.js';

// Providers first: <ce-marketplace> provides the API client its children consume.
if (!customElements.get('ce-marketplace')) customElements.define('ce-marketplace', CeMarketplace);
customElements.define('ce-connect-dialog', CeConnectDialog);
customElements.define('ce-field-mapper', CeFieldMapper);

declare global {
  interface HTMLElementTagNameMap {
    'ce-marketplace': CeMarketplace;
    'ce-connect-dialog': CeConnectDialog;
    'ce-field-mapper': CeFieldMapper;
  }
}
