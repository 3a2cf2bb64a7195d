/** What the widget does when the server refuses a handshake (socket.io `connect_error`). */
export type RefusalAction =
  /** protocol_mismatch: say "please reload", stop reconnecting. */
  | 'reload'
  /** site_unknown, origin_not_allowed (this page is not among the site's allowed origins): hide the widget
   * entirely, warn once in the console. */
  | 'hide'
  /** token_invalid: forget the token and connect again without one; the server issues a new one. */
  | 'new-token'
  /** identity_required, identity_invalid: the site requires a verified identity; stop until the page identifies someone. */
  | 'identity'
  /** anything else (rate_limited, network): keep trying, backing off. */
  | 'retry';

/**
 * @param error the `connect_error` value; a server refusal carries `{ code, message }` in `error.data`.
 * @param sentToken whether this attempt sent a token: without one, token_invalid cannot be cured by
 *   dropping it, so it is retried like any other failure instead of looping.
 */
export function refusalAction(error: unknown, sentToken: boolean): RefusalAction {
  const data = typeof error === 'object' && error !== null ? (error as { data?: unknown }).data : undefined;
  const code = typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
  if (code === 'protocol_mismatch') return 'reload';
  if (code === 'site_unknown' || code === 'origin_not_allowed') return 'hide';
  if (code === 'token_invalid' && sentToken) return 'new-token';
  if (code === 'identity_required' || code === 'identity_invalid') return 'identity';
  return 'retry';
}
