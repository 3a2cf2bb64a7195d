/**
 * Recognises constraint violations from either driver, so the store can turn them into StoreConflictError /
 * StoreNotFoundError or resolve them (a duplicate clientId is re-read, never surfaced).
 * better-sqlite3 throws SqliteError with `code` like 'SQLITE_CONSTRAINT_UNIQUE'; pg throws DatabaseError with
 * the SQLSTATE in `code` (23505 unique_violation, 23503 foreign_key_violation).
 */

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
