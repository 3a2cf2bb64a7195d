import { storageKey } from '../api.ts';

/**
 * Whether this visitor gave an e-mail address in the form before, so the form does not ask again (the server
 * knows the address). Only the fact is kept in the browser, never the address itself.
 */
export interface EmailMemory {
  isGiven(): boolean;
  remember(): void;
  /** The server asked for an address after all (e.g. a new visitor token): ask again. */
  forget(): void;
}

export function createEmailMemory(storage: Storage, siteKey: string): EmailMemory {
  const key = storageKey(siteKey, 'email');
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  return {
    isGiven: () => attempt(() => storage.getItem(key) === '1', false),
    remember: () => attempt(() => storage.setItem(key, '1'), undefined),
    forget: () => attempt(() => storage.removeItem(key), undefined),
  };
}
