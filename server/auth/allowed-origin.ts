import { toWebOrigin } from '../../shared/index.ts';

/**
 * Whether a request from `origin` (its Origin header) may use a site whose owner listed `allowedOrigins`.
 * An empty list allows every origin (the default). With a list, a request without an Origin header is
 * allowed only when `allowMissing`: the public read-only REST routes are fetched by servers and scripts too,
 * which send none and can forge one anyway, while a browser always sends one on a visitor socket.
 * The list is about where the widget may run, not a secret: anything outside a browser can claim any Origin.
 */
export function isOriginAllowed(allowedOrigins: readonly string[], origin: string | undefined, options: { allowMissing: boolean }): boolean {
  if (allowedOrigins.length === 0) return true;
  if (origin === undefined) return options.allowMissing;
  const normalised = toWebOrigin(origin);
  return normalised !== undefined && allowedOrigins.includes(normalised);
}
