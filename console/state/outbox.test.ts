import { describe, expect, it } from 'vitest';
import { createOutbox, outboxKey, parseOutbox, type StoredReply } from './outbox.ts';
import { createMemoryStorage, openStorage } from '../../shared/browser/safe-storage.ts';

const KEY = outboxKey('o1');
const reply = (n: number, conversationId = 'c1'): StoredReply => ({
  conversationId,
  clientId: `client-${String(n).padStart(4, '0')}`,
  body: `reply ${n}`,
  createdAt: `2026-03-12T10:00:0${n}.000Z`,
});

describe('outboxKey', () => {
  it('is per operator', () => {
    expect(outboxKey('o1')).toBe('porchlight:console:o1:outbox');
    expect(outboxKey('o2')).not.toBe(outboxKey('o1'));
  });
});

describe('parseOutbox', () => {
  it('reads back what the outbox wrote', () => {
    expect(parseOutbox(JSON.stringify([reply(1), reply(2, 'c2')]))).toEqual([reply(1), reply(2, 'c2')]);
  });

  it('gives an empty list for nothing stored, corrupt JSON, or a shape from another version', () => {
    expect(parseOutbox(null)).toEqual([]);
    expect(parseOutbox('{not json')).toEqual([]);
    expect(parseOutbox('{"v":2,"entries":[]}')).toEqual([]);
    expect(parseOutbox('"text"')).toEqual([]);
    expect(parseOutbox('null')).toEqual([]);
  });

  it('drops bad entries and keeps the good ones in order', () => {
    const base = reply(9);
    const raw = JSON.stringify([
      reply(1),
      null,
      'reply',
      { ...base, clientId: 'bad id!' },
      { ...base, clientId: 'short' },
      { ...base, body: '   ' },
      { ...base, body: 42 },
      { ...base, createdAt: 'yesterday-ish' },
      { ...base, conversationId: '' },
      { ...base, conversationId: 'c'.repeat(65) },
      { clientId: base.clientId, body: base.body, createdAt: base.createdAt }, // from before conversations were stored
      reply(2),
    ]);
    expect(parseOutbox(raw)).toEqual([reply(1), reply(2)]);
  });

  it('keeps a clientId that appears twice only once, the first', () => {
    expect(parseOutbox(JSON.stringify([reply(1), { ...reply(1), body: 'later copy' }]))).toEqual([reply(1)]);
  });

  it('copies only the known fields', () => {
    const [read] = parseOutbox(JSON.stringify([{ ...reply(1), status: 'failed', html: '<img onerror=alert(1)>' }]));
    expect(read).toEqual(reply(1));
  });
});

describe('createOutbox', () => {
  it('keeps replies in the order they were added, and persists them for the next page', () => {
    const storage = createMemoryStorage();
    const outbox = createOutbox(storage, KEY);
    outbox.add(reply(1));
    outbox.add(reply(2, 'c2'));
    outbox.add(reply(3));
    expect(outbox.entries.value).toEqual([reply(1), reply(2, 'c2'), reply(3)]);
    expect(createOutbox(storage, KEY).entries.value).toEqual([reply(1), reply(2, 'c2'), reply(3)]);
  });

  it('gives the oldest reply of each conversation', () => {
    const outbox = createOutbox(createMemoryStorage(), KEY);
    outbox.add(reply(1));
    outbox.add(reply(2, 'c2'));
    outbox.add(reply(3));
    expect(outbox.firstIn('c1')).toEqual(reply(1));
    expect(outbox.firstIn('c2')).toEqual(reply(2, 'c2'));
    expect(outbox.firstIn('c3')).toBeUndefined();
    outbox.remove(reply(1).clientId);
    expect(outbox.firstIn('c1')).toEqual(reply(3));
  });

  it('adds the same clientId once', () => {
    const outbox = createOutbox(createMemoryStorage(), KEY);
    outbox.add(reply(1));
    outbox.add({ ...reply(1), body: 'again' });
    expect(outbox.entries.value).toEqual([reply(1)]);
  });

  it('removes by clientId, tolerates removing twice, and deletes the key when empty', () => {
    const storage = createMemoryStorage();
    const outbox = createOutbox(storage, KEY);
    outbox.add(reply(1));
    outbox.add(reply(2));
    outbox.remove(reply(1).clientId);
    outbox.remove(reply(1).clientId);
    expect(outbox.entries.value).toEqual([reply(2)]);
    outbox.remove(reply(2).clientId);
    expect(storage.getItem(KEY)).toBeNull();
  });

  it('clears every reply, and only this operator’s', () => {
    const storage = createMemoryStorage();
    const other = createOutbox(storage, outboxKey('o2'));
    other.add(reply(5));
    const outbox = createOutbox(storage, KEY);
    outbox.add(reply(1));
    outbox.clear();
    expect(outbox.entries.value).toEqual([]);
    expect(storage.getItem(KEY)).toBeNull();
    expect(createOutbox(storage, outboxKey('o2')).entries.value).toEqual([reply(5)]);
  });

  it('sees what another tab added and removed in the same storage', () => {
    const storage = createMemoryStorage();
    const mine = createOutbox(storage, KEY);
    const otherTab = createOutbox(storage, KEY);
    mine.add(reply(1));
    otherTab.add(reply(2));
    otherTab.remove(reply(1).clientId); // the other tab delivered it
    expect(mine.firstIn('c1')).toEqual(reply(2));
    mine.refresh();
    expect(mine.entries.value).toEqual([reply(2)]);
  });

  it('keeps the same list when a re-read finds storage unchanged, so nothing re-renders', () => {
    const outbox = createOutbox(createMemoryStorage(), KEY);
    outbox.add(reply(1));
    const before = outbox.entries.value;
    outbox.refresh();
    outbox.firstIn('c1');
    expect(outbox.entries.value).toBe(before);
  });

  it('starts from the good entries of a corrupt stored list and writes back a clean one', () => {
    const storage = createMemoryStorage();
    storage.setItem(KEY, JSON.stringify([reply(1), { clientId: 'x' }, 7]));
    const outbox = createOutbox(storage, KEY);
    expect(outbox.entries.value).toEqual([reply(1)]);
    outbox.add(reply(2));
    expect(JSON.parse(storage.getItem(KEY)!)).toEqual([reply(1), reply(2)]);
  });

  it('falls back to memory when storage refuses writes, keeping the reply', () => {
    const full = createMemoryStorage();
    full.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const outbox = createOutbox(full, KEY);
    outbox.add(reply(1));
    outbox.add(reply(2));
    expect(outbox.entries.value).toEqual([reply(1), reply(2)]);
    outbox.remove(reply(1).clientId);
    expect(outbox.firstIn('c1')).toEqual(reply(2));
  });

  it('starts empty instead of throwing when storage cannot be read, and still takes replies', () => {
    const broken = createMemoryStorage();
    broken.getItem = () => {
      throw new Error('SecurityError');
    };
    broken.setItem = () => {
      throw new Error('SecurityError');
    };
    const outbox = createOutbox(broken, KEY);
    expect(outbox.entries.value).toEqual([]);
    outbox.add(reply(1));
    expect(outbox.firstIn('c1')).toEqual(reply(1));
  });
});

describe('openStorage', () => {
  it('uses memory when localStorage is missing or blocked', () => {
    const storage = openStorage(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    storage.setItem('k', 'v');
    expect(storage.getItem('k')).toBe('v');
  });

  it('uses the given storage when it works', () => {
    const real = createMemoryStorage();
    expect(openStorage(() => real)).toBe(real);
  });
});
