import type { ProtocolError } from './errors.ts';

/** What every acknowledged event answers: a value on success, an error code and sentence on failure. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(error: ProtocolError): { ok: false; error: ProtocolError } {
  return { ok: false, error };
}
