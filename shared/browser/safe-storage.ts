/**
 * localStorage can be missing, disabled (Safari private mode, blocked cookies) or full. The widget and the
 * console must keep working: they fall back to memory, which keeps what was written for the life of the page.
 * Browser code, zod-free and tiny: the widget imports it directly.
 */
export function openStorage(getStorage: () => Storage): Storage {
  try {
    const storage = getStorage();
    const probe = 'porchlight:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return createMemoryStorage();
  }
}

/** A Storage that lives in memory; also what the unit tests use. */
export function createMemoryStorage(): Storage {
  const items = new Map<string, string>();
  const storage: Storage = {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
  return storage;
}
