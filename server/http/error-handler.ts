import type { FastifyError, FastifyInstance } from 'fastify';
import { sendError } from './send-error.ts';

/**
 * The one place where HTTP exceptions become responses. Expected client mistakes get their code and a
 * plain sentence; anything else is logged and answered with `internal`, never with the exception's text.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 429) return sendError(reply, 429, { code: 'rate_limited' });
    if (status === 413) return sendError(reply, 413, { code: 'invalid_payload', message: 'The request body is too large.' });
    if (status === 415) {
      return sendError(reply, 415, { code: 'invalid_payload', message: 'Send the request body as application/json.' });
    }
    if (status >= 400 && status < 500) {
      const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'The request body is not valid JSON.'
        : undefined;
      return sendError(reply, status, { code: 'invalid_payload', ...(message ? { message } : {}) });
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(reply, 500, { code: 'internal' });
  });

  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, { code: 'not_found' }));
}
