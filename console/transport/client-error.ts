import type { ErrorCode } from '../../shared/index.ts';

/**
 * An expected failure as the console sees it: a server error code with its sentence, or one of the
 * failures that happen before the server answers.
 */
export interface ClientError {
  code: ErrorCode | 'network' | 'timeout' | 'offline';
  message: string;
  /** For a refused form (400 invalid_payload): what is wrong with each field, by its path in the body. */
  issues?: { path: (string | number)[]; message: string }[];
}

export type ClientResult<T> = { ok: true; data: T } | { ok: false; error: ClientError };
