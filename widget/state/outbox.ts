import { signal, type ReadonlySignal } from '@preact/signals';
import { parseStoredQueue, readQueuedMessage } from '../../shared/browser/stored-queue.ts';
import { createMemoryStorage } from '../../shared/browser/safe-storage.ts';

/** The message form's extra fields: an entry with `form` is delivered with `form:submit`. */
export interface FormFields {
  name?: string;
  email?: string;
  /** The honeypot, sent as found: the server refuses a filled one. */
  website?: string;
}

/** A message the visitor wrote that the server has not acknowledged yet. */
export interface OutboxEntry {
  clientId: string;
  body: string;
  createdAt: string;
  /** Present when written in the message form; entries from before the form are plain messages. */
  form?: FormFields;
}

const FORM_FIELD_LIMITS = { name: 80, email: 254, website: 200 } as const;

/** The known form fields of a stored entry, or null when `form` is there but not a valid one. */
function readForm(value: unknown): FormFields | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const form: FormFields = {};
  for (const field of ['name', 'email', 'website'] as const) {
    const v = (value as Record<string, unknown>)[field];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > FORM_FIELD_LIMITS[field]) return null;
    form[field] = v;
  }
  return form;
}

/**
 * The outbox: messages written but not yet acknowledged, kept in localStorage so that neither a flaky
 * connection nor a reload loses them. Storage is the source of truth, because other tabs of the same visitor
 * add and remove entries too; `entries` mirrors it for rendering.
 */
export interface Outbox {
  readonly entries: ReadonlySignal<readonly OutboxEntry[]>;
  add(entry: OutboxEntry): void;
  /** Removes the entry if present (the ack, another tab or a sync may have done it already). */
  remove(clientId: string): void;
  /** The oldest entry, read fresh from storage. */
  first(): OutboxEntry | undefined;
  /** Re-reads storage, e.g. after a `storage` event from another tab. */
  refresh(): void;
  /** Drops everything: the host page signed this visitor out, or another user in (`reset`, `identify`). */
  clear(): void;
}

/**
 * Reads a stored outbox (see parseStoredQueue: never throws, drops bad entries, keeps a clientId once).
 */
export function parseOutbox(raw: string | null): OutboxEntry[] {
  return parseStoredQueue(raw, (item): OutboxEntry | null => {
    const entry: OutboxEntry | null = readQueuedMessage(item);
    const stored = (item as { form?: unknown } | null)?.form;
    if (entry === null || stored === undefined) return entry;
    const form = readForm(stored);
    // A broken form entry is dropped, not sent as a plain message the visitor did not mean to send.
    if (form === null) return null;
    entry.form = form;
    return entry;
  });
}

export function createOutbox(initialStorage: Storage, key: string): Outbox {
  let storage = initialStorage;
  const entries = signal<readonly OutboxEntry[]>([]);

  const read = (): OutboxEntry[] => {
    let raw: string | null = null;
    try {
      raw = storage.getItem(key);
    } catch {
      // Unreadable storage reads as empty; the memory fallback below takes over on the next write.
    }
    const list = parseOutbox(raw);
    entries.value = list;
    return list;
  };

  const write = (list: OutboxEntry[]): void => {
    try {
      if (list.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(list));
    } catch {
      // Quota exceeded or storage revoked: keep the outbox in memory for the rest of this page's life
      // rather than drop what the visitor wrote.
      storage = createMemoryStorage();
      if (list.length > 0) storage.setItem(key, JSON.stringify(list));
    }
    entries.value = list;
  };

  read();
  return {
    entries,
    add(entry) {
      const list = read();
      if (!list.some((e) => e.clientId === entry.clientId)) write([...list, entry]);
    },
    remove(clientId) {
      const list = read();
      if (list.some((e) => e.clientId === clientId)) write(list.filter((e) => e.clientId !== clientId));
    },
    first: () => read()[0],
    refresh: () => void read(),
    clear: () => write([]),
  };
}
