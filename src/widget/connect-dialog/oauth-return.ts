// The end of a same-tab OAuth sign-in (the popup was blocked): the proxy sends the tab back to the
// page with `ce_oauth_flow` added to the parameters the dialog put there. In the dialog's chunk: the
// entry only notices the parameter (flow.ts), then a dialog claims the sign-in with this.
import { OAUTH_FLOW_PARAM } from './flow.js';

/** A same-tab sign-in to finish: which flow, for which app and method (and which connection, when reconnecting). */
export interface OAuthReturn {
  flowId: string;
  element: string;
  type: string;
  instanceId?: string;
}

/**
 * The address's parameters, in OAuthReturn's order: the proxy's, then the dialog's own, since the
 * flow's answer does not say which app a failure was for.
 */
export const RETURN_PARAMS = [OAUTH_FLOW_PARAM, 'ce_oauth_element', 'ce_oauth_type', 'ce_oauth_instance'] as const;

export type ClaimOAuthReturn = typeof claimOAuthReturn;

/**
 * This page's same-tab sign-in, when it is for this app (any app for a dialog without one, the
 * marketplace's), taken off the address at once so a reload or a second dialog never repeats it.
 */
export function claimOAuthReturn(element: string): OAuthReturn | undefined {
  const url = new URL(location.href);
  const q = url.searchParams;
  const [flowId, app, type, instanceId] = RETURN_PARAMS.map((name) => q.get(name) ?? undefined);
  if (!flowId || !app || (element && element !== app)) return undefined;
  for (const name of RETURN_PARAMS) q.delete(name);
  history.replaceState(history.state, '', url);
  return { flowId, element: app, type: type ?? '', instanceId };
}

/** This page's address with the app, method and connection added (the proxy adds the flow): where a same-tab sign-in ends. */
export function returnUrl(...values: [element: string, type: string, instanceId?: string]): string {
  const url = new URL(location.href);
  values.forEach((value, i) => value && url.searchParams.set(RETURN_PARAMS[i + 1]!, value));
  return url.href;
}
