import type { FastifyReply } from 'fastify';
import { ERROR_CODES, type ErrorCode } from '../../shared/index.ts';

/** Every REST error leaves through here: `{ error: { code, message } }` with the given status. */
export function sendError(reply: FastifyReply, status: number, error: { code: ErrorCode; message?: string }) {
  return reply.code(status).send({ error: { code: error.code, message: error.message ?? ERROR_CODES[error.code] } });
}
