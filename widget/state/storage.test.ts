import { describe, expect, it } from 'vitest';
import { CLIENT_ID_PATTERN, createClientId } from './client-id.ts';
import { createMemoryStorage, openStorage } from '../../shared/browser/safe-storage.ts';
import { createTokenStore } from './token-store.ts';

describe('createClientId', () => {
  it('uses crypto.randomUUID where it exists', () => {
    const id = createClientId({ randomUUID: () => '1b4e28ba-2fa1-11d2-883f-0016d3cca427', getRandomValues: (a) => a });
    expect(id).toBe('1b4e28ba-2fa1-11d2-883f-0016d3cca427');
    expect(id).toMatch(CLIENT_ID_PATTERN);
  });
  it('falls back to 16 random bytes in base64url outside secure contexts', () => {
    const id = createClientId({
      getRandomValues: <T extends ArrayBufferView | null>(array: T) => {
        (array as unknown as Uint8Array).fill(0xfb); // bytes that give "+" and "/" in plain base64
        return array;
      },
    });
    expect(id).toMatch(CLIENT_ID_PATTERN);
    expect(id).toHaveLength(22);
  });
  it('makes ids the server accepts from real crypto', () => {
    for (let i = 0; i < 50; i++) expect(createClientId(globalThis.crypto)).toMatch(CLIENT_ID_PATTERN);
  });
});

describe('createTokenStore', () => {
  const token = 'tok_0123456789abcdefghijklmnop';
  it('stores the token under porchlight:<siteKey>:token', () => {
    const storage = createMemoryStorage();
    createTokenStore(storage, 'demo').write(token);
    expect(storage.getItem('porchlight:demo:token')).toBe(token);
    expect(createTokenStore(storage, 'demo').read()).toBe(token);
  });
  it('reads a stored value that cannot be a token as no token', () => {
    const storage = createMemoryStorage();
    storage.setItem('porchlight:demo:token', 'short');
    expect(createTokenStore(storage, 'demo').read()).toBeNull();
    storage.setItem('porchlight:demo:token', '{"token":"tok_0123456789abcdefghijklmnop"}\n');
    expect(createTokenStore(storage, 'demo').read()).toBeNull();
  });
  it('forgets the token', () => {
    const storage = createMemoryStorage();
    const tokens = createTokenStore(storage, 'demo');
    tokens.write(token);
    tokens.clear();
    expect(tokens.read()).toBeNull();
  });
});

describe('openStorage', () => {
  it('falls back to memory when localStorage throws on access', () => {
    const storage = openStorage(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    storage.setItem('a', '1');
    expect(storage.getItem('a')).toBe('1');
  });
});
