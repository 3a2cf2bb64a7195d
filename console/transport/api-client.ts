import type {
  ApiToken,
  ConversationMailList,
  MailDetail,
  MailList,
  HolidayCountryList,
  IdentitySecretCreated,
  IdentitySecretStatus,
  LoginRequest,
  NotificationMode,
  NotificationSetting,
  Role,
  SavedReply,
  SavedReplyInput,
  SessionInfo,
  SiteMembership,
  SiteSettings,
  TeamMember,
  UpcomingHolidayList,
} from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import type { ClientError, ClientResult } from './client-error.ts';

/** The REST calls of the console; same origin, the session travels in an httpOnly cookie. */
export interface ApiClient {
  login(request: LoginRequest): Promise<ClientResult<SessionInfo>>;
  /** The current session; `unauthorized` when there is none. */
  me(): Promise<ClientResult<SessionInfo>>;
  logout(): Promise<ClientResult<null>>;
  /** A site's team with roles (owners only). */
  listTeam(siteId: string): Promise<ClientResult<{ operators: TeamMember[] }>>;
  /** Adds an operator; without `password` the server generates one and returns it this once. */
  createOperator(siteId: string, request: NewOperator): Promise<ClientResult<{ operator: TeamMember; generatedPassword: string | null }>>;
  /** Sets (or, without `password`, generates) a new password; their open sessions end at once. */
  resetPassword(siteId: string, operatorId: string, password?: string): Promise<ClientResult<{ generatedPassword: string | null }>>;
  /** Removes them from the site; `last_owner` when they are its only owner. */
  removeOperator(siteId: string, operatorId: string): Promise<ClientResult<null>>;
  /** A site's saved replies (any member). */
  listSavedReplies(siteId: string): Promise<ClientResult<{ replies: SavedReply[] }>>;
  createSavedReply(siteId: string, input: SavedReplyInput): Promise<ClientResult<{ reply: SavedReply }>>;
  updateSavedReply(siteId: string, replyId: string, input: SavedReplyInput): Promise<ClientResult<{ reply: SavedReply }>>;
  deleteSavedReply(siteId: string, replyId: string): Promise<ClientResult<null>>;
  /** A site's settings (owners only); settings routes name the site by its key. */
  getSettings(siteKey: string): Promise<ClientResult<SiteSettings>>;
  /** Replaces them whole; a refusal carries `issues` per field and nothing is stored. */
  putSettings(siteKey: string, settings: SiteSettings): Promise<ClientResult<SiteSettings>>;
  /** Countries with public holidays and their regions, named in `lang`. */
  holidayCountries(lang: string): Promise<ClientResult<HolidayCountryList>>;
  /** The next twelve months of public holidays of the site's saved country, or of `country`/`region` (owners). */
  upcomingHolidays(siteKey: string, query: { country?: string; region?: string; lang: string }): Promise<ClientResult<UpcomingHolidayList>>;
  /** A new site owned by the signed-in operator. */
  createSite(name: string): Promise<ClientResult<{ site: SiteMembership }>>;
  /** A new name for a site (owners); its key stays. */
  renameSite(siteId: string, name: string): Promise<ClientResult<{ site: SiteMembership }>>;
  /** The site's API tokens, never their secrets (owners only). */
  listApiTokens(siteId: string): Promise<ClientResult<{ tokens: ApiToken[] }>>;
  /** A new token, in clear in this answer only. */
  createApiToken(siteId: string, name: string): Promise<ClientResult<ApiToken & { token: string }>>;
  /** Revokes a token at once. */
  revokeApiToken(siteId: string, tokenId: string): Promise<ClientResult<null>>;
  /** Whether the site has an identity secret, and since when. */
  getIdentitySecret(siteId: string): Promise<ClientResult<IdentitySecretStatus>>;
  /** A new identity secret, in clear in this answer only; the previous one stops working at once. */
  rotateIdentitySecret(siteId: string): Promise<ClientResult<IdentitySecretCreated>>;
  /** A page of the site's sent mail, newest first; `before` is the previous page's `nextBefore` (owners). */
  listMails(siteId: string, before?: string): Promise<ClientResult<MailList>>;
  /** One mail whole, text and HTML (owners). */
  getMail(siteId: string, mailId: string): Promise<ClientResult<MailDetail>>;
  /** The mails of a conversation with their status (any member). */
  listConversationMails(siteId: string, conversationId: string): Promise<ClientResult<ConversationMailList>>;
  /** The signed-in operator's own choice of mail about new messages; `mode` null until they choose. */
  getNotifications(): Promise<ClientResult<NotificationSetting>>;
  putNotifications(mode: NotificationMode): Promise<ClientResult<NotificationSetting>>;
}

/** `POST …/operators` body, as the console sends it (the shared schema's output shape). */
export interface NewOperator {
  email: string;
  name: string;
  role: Role;
  password?: string;
}

function isErrorBody(body: unknown): body is { error: ClientError } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null
    && typeof (error as ClientError).code === 'string' && typeof (error as ClientError).message === 'string';
}

const sitePath = (siteId: string) => `/sites/${encodeURIComponent(siteId)}`;

/** @param fetchImpl injected so the entry point decides what `fetch` is (and tests can fake it). */
export function createApiClient(fetchImpl: typeof fetch, baseUrl = '/api/v1'): ApiClient {
  async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<ClientResult<T>> {
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
    getNotifications: () => call('GET', '/me/notifications'),
    putNotifications: (mode) => call('PUT', '/me/notifications', { mode }),
    logout: () => call<null>('POST', '/auth/logout', {}),
    listTeam: (siteId) => call('GET', `${sitePath(siteId)}/operators`),
    createOperator: (siteId, request) => call('POST', `${sitePath(siteId)}/operators`, request),
    resetPassword: (siteId, operatorId, password) =>
      call('PUT', `${sitePath(siteId)}/operators/${encodeURIComponent(operatorId)}/password`, password === undefined ? {} : { password }),
    // No body and so no content-type: Fastify refuses an empty body declared as JSON.
    removeOperator: (siteId, operatorId) => call('DELETE', `${sitePath(siteId)}/operators/${encodeURIComponent(operatorId)}`),
    listSavedReplies: (siteId) => call('GET', `${sitePath(siteId)}/saved-replies`),
    createSavedReply: (siteId, input) => call('POST', `${sitePath(siteId)}/saved-replies`, input),
    updateSavedReply: (siteId, replyId, input) => call('PUT', `${sitePath(siteId)}/saved-replies/${encodeURIComponent(replyId)}`, input),
    deleteSavedReply: (siteId, replyId) => call('DELETE', `${sitePath(siteId)}/saved-replies/${encodeURIComponent(replyId)}`),
    getSettings: (siteKey) => call('GET', `${sitePath(siteKey)}/settings`),
    putSettings: (siteKey, settings) => call('PUT', `${sitePath(siteKey)}/settings`, settings),
    holidayCountries: (lang) => call('GET', `/holidays/countries?${new URLSearchParams({ lang }).toString()}`),
    upcomingHolidays: (siteKey, { country, region, lang }) => {
      const query = new URLSearchParams({ lang });
      if (country !== undefined) query.set('country', country);
      if (region !== undefined) query.set('region', region);
      return call('GET', `${sitePath(siteKey)}/holidays/upcoming?${query.toString()}`);
    },
    createSite: (name) => call('POST', '/sites', { name }),
    renameSite: (siteId, name) => call('PUT', sitePath(siteId), { name }),
    listApiTokens: (siteId) => call('GET', `${sitePath(siteId)}/api-tokens`),
    createApiToken: (siteId, name) => call('POST', `${sitePath(siteId)}/api-tokens`, { name }),
    revokeApiToken: (siteId, tokenId) => call('DELETE', `${sitePath(siteId)}/api-tokens/${encodeURIComponent(tokenId)}`),
    getIdentitySecret: (siteId) => call('GET', `${sitePath(siteId)}/identity-secret`),
    // An empty JSON object: the route takes no body, and Fastify refuses an empty one declared as JSON.
    rotateIdentitySecret: (siteId) => call('POST', `${sitePath(siteId)}/identity-secret`, {}),
    listMails: (siteId, before) =>
      call('GET', `${sitePath(siteId)}/mails${before === undefined ? '' : `?${new URLSearchParams({ before }).toString()}`}`),
    getMail: (siteId, mailId) => call('GET', `${sitePath(siteId)}/mails/${encodeURIComponent(mailId)}`),
    listConversationMails: (siteId, conversationId) => call('GET', `${sitePath(siteId)}/conversations/${encodeURIComponent(conversationId)}/mails`),
  };
}
