import { signal, type ReadonlySignal } from '@preact/signals';
import { CLIENT_ID_PATTERN } from './client-id.ts';
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
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { clientId, body, createdAt } = value as Record<string, unknown>;
  return (
    typeof clientId === 'string' &&
    CLIENT_ID_PATTERN.test(clientId) &&
    typeof body === 'string' &&
    body.trim() !== '' &&
    typeof createdAt === 'string' &&
    !Number.isNaN(Date.parse(createdAt))
  );
}

/**
 * Reads a stored outbox. Never throws: corrupt JSON or a shape from another version gives an empty list,
 * bad entries are dropped, and a clientId that appears twice is kept once (the first, oldest).
 */
export function parseOutbox(raw: string | null): OutboxEntry[] {
  if (raw === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const seen = new Set<string>();
  const entries: OutboxEntry[] = [];
  for (const item of parsed) {
    if (!isEntry(item) || seen.has(item.clientId)) continue;
    // Copy only the known fields: nothing else from storage travels further.
    const entry: OutboxEntry = { clientId: item.clientId, body: item.body, createdAt: item.createdAt };
    if (item.form !== undefined) {
      const form = readForm(item.form);
      // A broken form entry is dropped, not sent as a plain message the visitor did not mean to send.
      if (form === null) continue;
      entry.form = form;
    }
    seen.add(item.clientId);
    entries.push(entry);
  }
  return entries;
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
  };
}
