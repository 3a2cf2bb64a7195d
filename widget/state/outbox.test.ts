import { describe, expect, it } from 'vitest';
import { createOutbox, parseOutbox, type OutboxEntry } from './outbox.ts';
import { createMemoryStorage } from '../../shared/browser/safe-storage.ts';

const KEY = 'porchlight:demo:outbox';
const entry = (n: number): OutboxEntry => ({
  clientId: `client-${String(n).padStart(4, '0')}`,
  body: `message ${n}`,
  createdAt: `2025-05-01T10:00:0${n}.000Z`,
});

describe('parseOutbox', () => {
  it('reads back what the outbox wrote', () => {
    expect(parseOutbox(JSON.stringify([entry(1), entry(2)]))).toEqual([entry(1), entry(2)]);
  });
  it('gives an empty list for nothing stored, corrupt JSON, or a shape from another version', () => {
    expect(parseOutbox(null)).toEqual([]);
    expect(parseOutbox('{not json')).toEqual([]);
    expect(parseOutbox('{"v":2,"entries":[]}')).toEqual([]);
    expect(parseOutbox('"text"')).toEqual([]);
  });
  it('drops bad entries and keeps the good ones in order', () => {
    const raw = JSON.stringify([
      entry(1),
      null,
      { clientId: 'bad id!', body: 'x', createdAt: entry(1).createdAt },
      { clientId: 'short', body: 'x', createdAt: entry(1).createdAt },
      { clientId: 'client-0009', body: '   ', createdAt: entry(1).createdAt },
      { clientId: 'client-0010', body: 'x', createdAt: 'yesterday-ish' },
      { clientId: 'client-0011', body: 42, createdAt: entry(1).createdAt },
      entry(2),
    ]);
    expect(parseOutbox(raw)).toEqual([entry(1), entry(2)]);
  });
  it('keeps a clientId that appears twice only once, the first', () => {
    const twin = { ...entry(1), body: 'later copy' };
    expect(parseOutbox(JSON.stringify([entry(1), twin]))).toEqual([entry(1)]);
  });
  it('copies only the known fields', () => {
    const [read] = parseOutbox(JSON.stringify([{ ...entry(1), html: '<img onerror=alert(1)>' }]));
    expect(read).toEqual(entry(1));
  });
});

describe('createOutbox', () => {
  it('keeps entries in the order they were added, and persists them', () => {
    const storage = createMemoryStorage();
    const outbox = createOutbox(storage, KEY);
    outbox.add(entry(1));
    outbox.add(entry(2));
    expect(outbox.first()).toEqual(entry(1));
    expect(outbox.entries.value).toEqual([entry(1), entry(2)]);
    expect(createOutbox(storage, KEY).entries.value).toEqual([entry(1), entry(2)]);
  });
  it('adds the same clientId once', () => {
    const outbox = createOutbox(createMemoryStorage(), KEY);
    outbox.add(entry(1));
    outbox.add(entry(1));
    expect(outbox.entries.value).toHaveLength(1);
  });
  it('removes by clientId, tolerates removing twice, and clears the key when empty', () => {
    const storage = createMemoryStorage();
    const outbox = createOutbox(storage, KEY);
    outbox.add(entry(1));
    outbox.add(entry(2));
    outbox.remove(entry(1).clientId);
    outbox.remove(entry(1).clientId);
    expect(outbox.first()).toEqual(entry(2));
    outbox.remove(entry(2).clientId);
    expect(storage.getItem(KEY)).toBeNull();
  });
  it('sees what another tab wrote to the same storage', () => {
    const storage = createMemoryStorage();
    const mine = createOutbox(storage, KEY);
    const otherTab = createOutbox(storage, KEY);
    mine.add(entry(1));
    otherTab.add(entry(2));
    otherTab.remove(entry(1).clientId); // the other tab delivered it
    expect(mine.first()).toEqual(entry(2));
    mine.refresh();
    expect(mine.entries.value).toEqual([entry(2)]);
  });
  it('falls back to memory when storage refuses writes, keeping the message', () => {
    const full = createMemoryStorage();
    full.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const outbox = createOutbox(full, KEY);
    outbox.add(entry(1));
    expect(outbox.first()).toEqual(entry(1));
  });
  it('starts empty instead of throwing when storage cannot be read', () => {
    const broken = createMemoryStorage();
    broken.getItem = () => {
      throw new Error('SecurityError');
    };
    expect(createOutbox(broken, KEY).entries.value).toEqual([]);
  });
});

describe('form entries in the outbox', () => {
  const form = { clientId: 'client-0100', body: 'Do you ship to Brno?', createdAt: '2025-05-01T10:00:00.000Z' };
  it('keeps the form fields of an entry written in the message form', () => {
    const raw = JSON.stringify([{ ...form, form: { name: 'Anna', email: 'anna@example.com' } }]);
    expect(parseOutbox(raw)).toEqual([{ ...form, form: { name: 'Anna', email: 'anna@example.com' } }]);
  });
  it('reads an entry from before the form (no `form`) as a plain message', () => {
    expect(parseOutbox(JSON.stringify([form]))).toEqual([form]);
  });
  it('drops an entry whose form is broken rather than send it as a plain message', () => {
    const raw = JSON.stringify([
      { ...form, form: 'yes' },
      { ...form, clientId: 'client-0101', form: { email: 42 } },
      { ...form, clientId: 'client-0102', form: { name: 'x'.repeat(81) } },
      { ...form, clientId: 'client-0103', form: { email: 'a@b.cz', admin: true } },
    ]);
    expect(parseOutbox(raw)).toEqual([{ ...form, clientId: 'client-0103', form: { email: 'a@b.cz' } }]);
  });
  it('keeps form entries in order with plain ones, across a reload', () => {
    const storage = createMemoryStorage();
    const outbox = createOutbox(storage, KEY);
    outbox.add({ ...form, form: { email: 'anna@example.com' } });
    outbox.add(entry(2));
    expect(createOutbox(storage, KEY).entries.value.map((e) => e.form !== undefined)).toEqual([true, false]);
  });
});
