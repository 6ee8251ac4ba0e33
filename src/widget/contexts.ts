import { createContext } from '@lit/context';
import type { ApiClient } from './api/client.js';

/** The API client the components share; provided by <ce-marketplace> or a host's own provider. */
export const apiContext = createContext<ApiClient | undefined>(Symbol('ce-api'));
