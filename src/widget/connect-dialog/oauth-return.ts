// The end of a same-tab OAuth sign-in (the popup was blocked): the proxy sends the tab back to the
// page with `ce_oauth_flow` added to the parameters the dialog put there. In the entry, so a page
// notices it on load; the rest of the sign-in is in the OAuth step's chunk.

/** A same-tab sign-in to finish: which flow, for which app and method (and which connection, when reconnecting). */
export interface OAuthReturn {
  flowId: string;
  element: string;
  type: string;
  instanceId?: string;
}

/**
 * The address's parameters, in OAuthReturn's order: the proxy's `OAUTH_FLOW_PARAM` (written out,
 * not imported: the contract's OAuth module would bring its schemas into the entry), then the
 * dialog's own, since the flow's answer does not say which app a failure was for.
 */
export const RETURN_PARAMS = ['ce_oauth_flow', 'ce_oauth_element', 'ce_oauth_type', 'ce_oauth_instance'] as const;

/** True when this page is the end of a same-tab sign-in (the marketplace then renders its dialog, which claims it). */
export const hasOAuthReturn = (): boolean => location.search.includes(`${RETURN_PARAMS[0]}=`);

/**
 * The page's same-tab sign-in, when it is for this app (any app for a dialog without one, the
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
