// The script-tag entry: registers every element. Classes live in their own folders so a host can
// subclass or scope them; providers are defined before consumers.
export { ApiClient, ApiError } from './api/client.js';
export { apiContext } from './contexts.js';
