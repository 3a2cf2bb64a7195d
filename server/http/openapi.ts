import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ApiTokenList,
  Availability,
  CreateApiTokenRequest,
  CreatedSite,
  CreateSiteRequest,
  RenameSiteRequest,
  CreatedApiToken,
  CreateOperatorRequest,
  CreateOperatorResult,
  ConversationMailList,
  MailDetail,
  MailList,
  ErrorBody,
  HolidayCountryList,
  IdentitySecretCreated,
  IdentitySecretStatus,
  LoginRequest,
  NotificationSetting,
  NotificationSettingRequest,
  PROTOCOL_VERSION,
  ResetPasswordRequest,
  ResetPasswordResult,
  SavedReplyInput,
  SavedReplyList,
  SavedReplyResult,
  SessionInfo,
  SiteSettings,
  TeamList,
  UpcomingHolidayList,
} from '../../shared/index.ts';
import { SESSION_COOKIE } from '../auth/session-cookie.ts';
import { ContinueRequest } from './continue-routes.ts';

const ContinueResult = z.object({ token: z.string() });

type Method = 'get' | 'post' | 'put' | 'delete' | 'options';
type Auth = 'none' | 'session' | 'sessionOrToken';

interface Operation {
  summary: string;
  auth: Auth;
  body?: z.ZodType;
  /** Status → schema; null for an empty body. */
  ok: [status: number, schema: z.ZodType | null];
  errors: number[];
}

const FaqAnswer = z.object({ entries: z.array(z.object({ question: z.string(), answer: z.string() })) });
const SettingsError = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional() }),
});

/** Every REST route under /api/v1, once. test/integration/openapi.test.ts fails when a route is missing here. */
const OPERATIONS: Record<string, Partial<Record<Method, Operation>>> = {
  '/api/v1/auth/login': { post: { summary: 'Signs in; sets the session cookie.', auth: 'none', body: LoginRequest, ok: [200, SessionInfo], errors: [400, 401, 429] } },
  '/api/v1/auth/me': { get: { summary: 'The signed-in operator and their sites.', auth: 'session', ok: [200, SessionInfo], errors: [401] } },
  '/api/v1/me/notifications': {
    get: { summary: "The signed-in operator's choice of mail about new visitor messages; mode null until chosen (owners then get 'each', operators 'off').", auth: 'session', ok: [200, NotificationSetting], errors: [401] },
    put: { summary: "Sets the signed-in operator's choice: 'off', 'each' (one mail per burst of messages) or 'digest' (at most one an hour).", auth: 'session', body: NotificationSettingRequest, ok: [200, NotificationSetting], errors: [400, 401, 403] },
  },
  '/api/v1/auth/logout': { post: { summary: 'Ends the session.', auth: 'none', ok: [204, null], errors: [403] } },
  '/api/v1/sites': {
    post: { summary: 'A new site with a random key and default settings; the signed-in operator becomes its owner.', auth: 'session', body: CreateSiteRequest, ok: [201, CreatedSite], errors: [400, 401, 403, 429] },
  },
  '/api/v1/sites/{siteId}': {
    put: { summary: 'Renames the site; its key stays (owners).', auth: 'session', body: RenameSiteRequest, ok: [200, CreatedSite], errors: [400, 401, 403, 404] },
  },
  '/api/v1/sites/{siteKey}/availability': {
    get: { summary: 'What the widget shows now (or `?at=` an ISO instant). Public; 404 origin_not_allowed for a page outside the allowed origins.', auth: 'none', ok: [200, Availability], errors: [400, 404] },
    options: { summary: 'CORS preflight.', auth: 'none', ok: [204, null], errors: [] },
  },
  '/api/v1/sites/{siteKey}/faq': {
    get: { summary: 'The frequent questions, for `?lang=`. Public; 404 origin_not_allowed for a page outside the allowed origins.', auth: 'none', ok: [200, FaqAnswer], errors: [404] },
  },
  '/api/v1/sites/{siteKey}/settings': {
    get: { summary: "The site's settings (owners, or an API token of this site).", auth: 'sessionOrToken', ok: [200, SiteSettings], errors: [401, 403, 404] },
    put: { summary: 'Replaces the settings whole; an invalid body names every bad field and stores nothing.', auth: 'sessionOrToken', body: SiteSettings, ok: [200, SiteSettings], errors: [400, 401, 403, 404] },
  },
  '/api/v1/holidays/countries': {
    get: { summary: 'Countries with public holidays (names in `?lang=`, one of en cs sk pl hr de), each with its regions (any signed-in operator).', auth: 'session', ok: [200, HolidayCountryList], errors: [400, 401] },
  },
  '/api/v1/sites/{siteKey}/holidays/upcoming': {
    get: {
      summary: "The next twelve months of public holidays of the site's configured country and region, or of `?country=&region=`, with names in `?lang=`, each rule key and whether the saved settings keep it open (owners).",
      auth: 'session',
      ok: [200, UpcomingHolidayList],
      errors: [400, 401, 403, 404],
    },
  },
  '/api/v1/sites/{siteId}/operators': {
    get: { summary: 'The team with roles (owners).', auth: 'session', ok: [200, TeamList], errors: [401, 403, 404] },
    post: { summary: 'Adds an operator (owners).', auth: 'session', body: CreateOperatorRequest, ok: [201, CreateOperatorResult], errors: [400, 401, 403, 404, 409] },
  },
  '/api/v1/sites/{siteId}/operators/{operatorId}/password': {
    put: { summary: 'Sets or generates a password; ends their sessions (owners).', auth: 'session', body: ResetPasswordRequest, ok: [200, ResetPasswordResult], errors: [400, 401, 403, 404] },
  },
  '/api/v1/sites/{siteId}/operators/{operatorId}': {
    delete: { summary: 'Removes them from the site (owners).', auth: 'session', ok: [204, null], errors: [401, 403, 404, 409] },
  },
  '/api/v1/sites/{siteId}/saved-replies': {
    get: { summary: "The site's saved replies (any member).", auth: 'session', ok: [200, SavedReplyList], errors: [401, 404] },
    post: { summary: 'Adds a saved reply.', auth: 'session', body: SavedReplyInput, ok: [201, SavedReplyResult], errors: [400, 401, 404, 409] },
  },
  '/api/v1/sites/{siteId}/saved-replies/{replyId}': {
    put: { summary: 'Changes a saved reply.', auth: 'session', body: SavedReplyInput, ok: [200, SavedReplyResult], errors: [400, 401, 404, 409] },
    delete: { summary: 'Deletes a saved reply.', auth: 'session', ok: [204, null], errors: [401, 404] },
  },
  '/api/v1/sites/{siteId}/api-tokens': {
    get: { summary: "The site's API tokens, without secrets (owners).", auth: 'session', ok: [200, ApiTokenList], errors: [401, 403, 404] },
    post: { summary: 'A new API token for the settings API, shown this once (owners).', auth: 'session', body: CreateApiTokenRequest, ok: [201, CreatedApiToken], errors: [400, 401, 403, 404] },
  },
  '/api/v1/sites/{siteId}/identity-secret': {
    get: { summary: 'Whether an identity verification secret exists, never the secret (owners).', auth: 'session', ok: [200, IdentitySecretStatus], errors: [401, 403, 404] },
    post: { summary: 'A new identity verification secret, shown this once; the previous one stops verifying (owners).', auth: 'session', ok: [201, IdentitySecretCreated], errors: [401, 403, 404] },
  },
  '/api/v1/sites/{siteKey}/continue': {
    post: { summary: "Uses a mail's continue link (once, within 7 days): this browser gets a visitor token for the same thread. 404 link_invalid, 410 link_expired, 409 link_used.", auth: 'none', body: ContinueRequest, ok: [200, ContinueResult], errors: [400, 404, 409, 410, 429] },
    options: { summary: 'CORS preflight.', auth: 'none', ok: [204, null], errors: [] },
  },
  '/api/v1/sites/{siteKey}/continue/renew': {
    post: { summary: "Mails a new continue link to the visitor's own address, for a link that expired or was used.", auth: 'none', body: ContinueRequest, ok: [202, z.object({ sent: z.literal(true) })], errors: [400, 404, 429] },
    options: { summary: 'CORS preflight.', auth: 'none', ok: [204, null], errors: [] },
  },
  '/api/v1/sites/{siteId}/api-tokens/{tokenId}': {
    delete: { summary: 'Revokes an API token at once (owners).', auth: 'session', ok: [204, null], errors: [401, 403, 404] },
  },
  '/api/v1/sites/{siteId}/mails': {
    get: {
      summary: "The site's mails, newest first, without bodies, and how mail leaves this server (`delivery`: smtp or files). `?limit=` (1–100, 50) and `?before=` the previous page's `nextBefore` (owners).",
      auth: 'session',
      ok: [200, MailList],
      errors: [400, 401, 403, 404],
    },
  },
  '/api/v1/sites/{siteId}/mails/{mailId}': {
    get: { summary: 'One mail whole, its text and HTML parts (owners). The HTML is for a sandboxed frame only.', auth: 'session', ok: [200, MailDetail], errors: [401, 403, 404] },
  },
  '/api/v1/sites/{siteId}/conversations/{conversationId}/mails': {
    get: { summary: "A conversation's mails with their status and last error, newest first, without bodies (any member of the site).", auth: 'session', ok: [200, ConversationMailList], errors: [401, 404] },
  },
};

const SECURITY: Record<Auth, Array<Record<string, string[]>> | undefined> = {
  none: undefined,
  session: [{ session: [] }],
  sessionOrToken: [{ session: [] }, { apiToken: [] }],
};

/** JSON Schema 2020-12 (what OpenAPI 3.1 uses); `io` picks the shape a client sends or receives. */
const toSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/** The OpenAPI 3.1 document of the REST API, built from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, operations] of Object.entries(OPERATIONS)) {
    const parameters = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    paths[path] = { ...(parameters.length > 0 ? { parameters } : {}) };
    for (const [method, op] of Object.entries(operations)) {
      const [okStatus, okSchema] = op.ok;
      const responses: Record<string, unknown> = {
        [okStatus]: okSchema === null ? { description: 'Done.' } : { description: 'Done.', content: { 'application/json': { schema: toSchema(okSchema, 'output') } } },
      };
      for (const status of op.errors) {
        const schema = status === 400 && op.body === SiteSettings ? SettingsError : ErrorBody;
        responses[status] = { description: 'Refused; `error.code` says why.', content: { 'application/json': { schema: toSchema(schema, 'output') } } };
      }
      const security = SECURITY[op.auth];
      paths[path]![method] = {
        summary: op.summary,
        ...(security ? { security } : { security: [] }),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.body, 'input') } } } } : {}),
        responses,
      };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Porchlight REST API',
      version: `protocol ${PROTOCOL_VERSION}`,
      description:
        'Every error is `{ error: { code, message } }`. Cookie-authenticated requests that change something must come from the console\'s own origin. A bearer API token authenticates the settings routes of its own site only.',
    },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/v1/auth/login.' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'An API token made by an owner (POST /api/v1/sites/{siteId}/api-tokens).' },
      },
    },
  };
}

/** `GET /api/docs` (and `/api/docs.json`): the document, built once. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  const document = buildOpenApiDocument();
  for (const url of ['/api/docs', '/api/docs.json']) app.get(url, async (_request, reply) => reply.send(document));
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after buildServer started, as `{ method, url }` (fastify's own `:param` form). */
    routeTable: ReadonlyArray<{ method: string; url: string }>;
  }
}

/** Records every route as it is registered, so a test can hold the OpenAPI document against them. */
export function recordRoutes(app: FastifyInstance): void {
  const table: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) table.push({ method, url: route.url });
  });
  app.decorate('routeTable', table);
}
