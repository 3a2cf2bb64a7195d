import type { ApiClient } from '../transport/index.ts';

/**
 * An ApiClient for tests: the given methods, and every other one failing the test when called, so a test
 * states exactly which requests it expects (and adding a method to ApiClient does not break old fakes).
 */
export function fakeApi(methods: Partial<ApiClient>): ApiClient {
  const unexpected = (name: string) => () => {
    throw new Error(`Unexpected API call: ${name}`);
  };
  return new Proxy(methods, {
    get: (target, key: string) => target[key as keyof ApiClient] ?? unexpected(key),
  }) as ApiClient;
}
