import { storageKey } from '../api.ts';

/** The visitor token: who this browser is to the server. Issued by the server on the first sync. */
export interface TokenStore {
  read(): string | null;
  write(token: string): void;
  clear(): void;
}

/** Same bounds as VisitorHandshake.token; anything else in storage is treated as no token. */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 22 && value.length <= 128 && !/\s/.test(value);
}

export function createTokenStore(storage: Storage, siteKey: string): TokenStore {
  const key = storageKey(siteKey, 'token');
  return {
    read() {
      try {
        const value = storage.getItem(key);
        return isToken(value) ? value : null;
      } catch {
        return null;
      }
    },
    write(token) {
      try {
        storage.setItem(key, token);
      } catch {
        // Storage full or gone: the server issues a new token next time; nothing a visitor wrote is lost.
      }
    },
    clear() {
      try {
        storage.removeItem(key);
      } catch {
        // Nothing to do: a token we cannot remove we also cannot read back reliably.
      }
    },
  };
}
