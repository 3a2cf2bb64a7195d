/** Must match ClientId in shared/protocol/schemas.ts (not imported from there: zod stays out of browser bundles). */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** What every queued message has, wherever it waits: the widget's outbox and the console's. */
export interface QueuedMessage {
  clientId: string;
  body: string;
  createdAt: string;
}

/** The common fields of a stored entry, copied out of untrusted storage; null when any is missing or wrong. */
export function readQueuedMessage(item: unknown): QueuedMessage | null {
  if (typeof item !== 'object' || item === null) return null;
  const { clientId, body, createdAt } = item as Record<string, unknown>;
  if (
    typeof clientId !== 'string' ||
    !CLIENT_ID_PATTERN.test(clientId) ||
    typeof body !== 'string' ||
    body.trim() === '' ||
    typeof createdAt !== 'string' ||
    Number.isNaN(Date.parse(createdAt))
  ) {
    return null;
  }
  return { clientId, body, createdAt };
}

/**
 * Reads a queue stored as JSON by an older or another tab's version of us. Never throws: corrupt JSON or a
 * shape from another version gives an empty list, entries `read` rejects are dropped, and a clientId that
 * appears twice is kept once (the first, oldest). Only what `read` returns travels further.
 */
export function parseStoredQueue<T extends QueuedMessage>(raw: string | null, read: (item: unknown) => T | null): T[] {
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const seen = new Set<string>();
  const entries: T[] = [];
  for (const item of parsed) {
    const entry = read(item);
    if (entry === null || seen.has(entry.clientId)) continue;
    seen.add(entry.clientId);
    entries.push(entry);
  }
  return entries;
}
