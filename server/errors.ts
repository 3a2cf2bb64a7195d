import type { z } from 'zod';
import { ERROR_CODES, protocolError, type ProtocolError } from '../shared/index.ts';

/**
 * Turns a failed payload validation into the error a person reads. Messages that our schemas state in
 * plain words (an empty or too long message) keep their own code; anything else is `invalid_payload` with
 * the field that was wrong.
 */
export function payloadError(error: z.ZodError): ProtocolError {
  const issue = error.issues[0];
  if (!issue) return protocolError('invalid_payload');
  if (issue.message === ERROR_CODES.message_empty) return protocolError('message_empty');
  if (issue.message === ERROR_CODES.message_too_long) return protocolError('message_too_long');
  const field = issue.path.length > 0 ? issue.path.join('.') : 'payload';
  // zod's own messages ("Invalid input: expected string, received number") name types, never values,
  // so they are safe to pass on and tell a developer what to fix.
  return protocolError('invalid_payload', `${ERROR_CODES.invalid_payload} ${field}: ${issue.message}`);
}

/** Thrown by handlers for an expected refusal; mapped to the client as-is. */
export class RefusalError extends Error {
  override name = 'RefusalError';
  constructor(readonly error: ProtocolError) {
    super(error.message);
  }
}

/** The one place that decides what a client learns about an exception: never its raw text. */
export function toProtocolError(err: unknown): ProtocolError {
  if (err instanceof RefusalError) return err.error;
  return protocolError('internal');
}
