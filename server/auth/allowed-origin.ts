import { toWebOrigin } from '../../shared/index.ts';

/** Where this server itself answers: its configured public URL, and the Host the request was sent to. */
export interface OwnOrigin {
  publicUrl: string;
  host: string | undefined;
}

/**
 * Whether a request from `origin` (its Origin header) may use a site whose owner listed `allowedOrigins`.
 * An empty list allows every origin (the default). With a list, a request without an Origin header is
 * allowed only when `allowMissing`: the public read-only REST routes are fetched by servers and scripts too,
 * which send none and can forge one anyway, while a browser always sends one on a visitor socket.
 * The server's own origin (`own`) is always allowed: the console's preview (/preview) and the demo site run
 * the widget there, and an owner must not lock their own console out by listing only their shop.
 * The list is about where the widget may run, not a secret: anything outside a browser can claim any Origin.
 */
export function isOriginAllowed(
  allowedOrigins: readonly string[],
  origin: string | undefined,
  options: { allowMissing: boolean; own?: OwnOrigin },
): boolean {
  if (allowedOrigins.length === 0) return true;
  if (origin === undefined) return options.allowMissing;
  const normalised = toWebOrigin(origin);
  if (normalised === undefined) return false;
  if (options.own !== undefined && isOwnOrigin(normalised, options.own)) return true;
  return allowedOrigins.includes(normalised);
}

/** True when `origin` (normalised) is the server's public URL's origin or the origin of the Host it was sent to. */
export function isOwnOrigin(origin: string, own: OwnOrigin): boolean {
  if (origin === toWebOrigin(new URL(own.publicUrl).origin)) return true;
  if (own.host === undefined) return false;
  return origin === toWebOrigin(`http://${own.host}`) || origin === toWebOrigin(`https://${own.host}`);
}
