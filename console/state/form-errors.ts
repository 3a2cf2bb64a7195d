import type { ErrorCode } from '../../shared/index.ts';
import { ERROR_CODES } from '../protocol.ts';
import type { ClientError } from '../transport/index.ts';

/** One sentence per field that needs correcting; a field without an entry is fine. */
export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** A form checked before it is sent: the request to send, or what to correct. */
export type FormCheck<Field extends string, Request> = { ok: true; request: Request } | { ok: false; errors: FieldErrors<Field> };

/**
 * The server's refusal, placed next to the field it is about when it names one, otherwise for the form's
 * alert region. The server names the field of a malformed body as `"<invalid_payload sentence> field: why"`
 * (server/errors.ts `payloadError`); `conflicts` says which field a conflict code is about (e.g.
 * `email_taken` → `email`).
 *
 * @example
 * placeServerError({ code: 'invalid_payload', message: 'The request was not in the expected form. password: A password needs at least 10 characters.' }, ['password'])
 * // → { fields: { password: 'A password needs at least 10 characters.' }, message: null }
 */
export function placeServerError<Field extends string>(
  error: ClientError,
  fields: readonly Field[],
  conflicts: Partial<Record<ErrorCode, Field>> = {},
): { fields: FieldErrors<Field>; message: string | null } {
  const conflictField = error.code in conflicts ? conflicts[error.code as ErrorCode] : undefined;
  if (conflictField !== undefined) return { fields: { [conflictField]: error.message } as FieldErrors<Field>, message: null };
  const prefix = `${ERROR_CODES.invalid_payload} `;
  if (error.code === 'invalid_payload' && error.message.startsWith(prefix)) {
    const match = /^([A-Za-z]+): (.+)$/s.exec(error.message.slice(prefix.length));
    const field = match?.[1] as Field | undefined;
    if (match && field !== undefined && fields.includes(field)) return { fields: { [field]: match[2] } as FieldErrors<Field>, message: null };
  }
  return { fields: {}, message: error.message };
}

/**
 * True when the text holds a NUL character, which the server refuses (shared `Text`). A lone surrogate is
 * left to the server: typing cannot produce one, and `isWellFormed` is missing from older browsers.
 */
export function hasForbiddenText(text: string): boolean {
  return text.includes('\u0000');
}
