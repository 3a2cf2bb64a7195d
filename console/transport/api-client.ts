import type { LoginRequest, SessionInfo } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import type { ClientError, ClientResult } from './client-error.ts';

/** The REST calls of the console; same origin, the session travels in an httpOnly cookie. */
export interface ApiClient {
  login(request: LoginRequest): Promise<ClientResult<SessionInfo>>;
  /** The current session; `unauthorized` when there is none. */
  me(): Promise<ClientResult<SessionInfo>>;
  logout(): Promise<ClientResult<null>>;
}

function isErrorBody(body: unknown): body is { error: ClientError } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null
    && typeof (error as ClientError).code === 'string' && typeof (error as ClientError).message === 'string';
}

/** @param fetchImpl injected so the entry point decides what `fetch` is (and tests can fake it). */
export function createApiClient(fetchImpl: typeof fetch, baseUrl = '/api/v1'): ApiClient {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ClientResult<T>> {
    let response: Response;
    try {
      response = await fetchImpl(baseUrl + path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      return { ok: false, error: { code: 'network', message: t.networkError } };
    }
    if (response.status === 204) return { ok: true, data: null as T };
    const parsed: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, data: parsed as T };
    if (isErrorBody(parsed)) return { ok: false, error: parsed.error };
    // A proxy error page or similar: say the server is unreachable rather than show its text.
    return { ok: false, error: { code: response.status === 401 ? 'unauthorized' : 'internal', message: t.networkError } };
  }

  return {
    login: (request) => call<SessionInfo>('POST', '/auth/login', request),
    me: () => call<SessionInfo>('GET', '/auth/me'),
    logout: () => call<null>('POST', '/auth/logout', {}),
  };
}
