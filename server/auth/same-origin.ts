/**
 * Whether a request that carries the operator's cookie comes from the console's own pages. Browsers send
 * cookies on cross-site WebSocket handshakes, and SameSite=Lax still lets some cross-site requests through,
 * so every state-changing operator request also checks its Origin. A request without an Origin comes from a
 * script or a non-browser client, which cannot ride on someone else's cookie, and is allowed.
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined, publicUrl: string): boolean {
  if (origin === undefined) return true;
  if (origin === new URL(publicUrl).origin) return true;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}
