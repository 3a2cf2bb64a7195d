import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../shared/index.ts';
import type { ApiClient } from '../transport/index.ts';
import { fakeApi as anyApi } from './fake-api.test-helpers.ts';
import { createSessionStore, validateLoginForm } from './session.ts';

const info: SessionInfo = { operator: { id: 'o1', email: 'a@example.com', name: 'Ada' }, sites: [] };

function fakeApi(overrides: Partial<ApiClient>): ApiClient {
  return anyApi({
    login: async () => ({ ok: true, data: info }),
    me: async () => ({ ok: false, error: { code: 'unauthorized', message: 'Please sign in.' } }),
    logout: async () => ({ ok: true, data: null }),
    ...overrides,
  });
}

describe('session', () => {
  it('asks for both fields before calling the server', () => {
    expect(validateLoginForm({ email: ' ', password: 'x' })).toBe('Enter your e-mail address.');
    expect(validateLoginForm({ email: 'a@example.com', password: '' })).toBe('Enter your password.');
    expect(validateLoginForm({ email: 'a@example.com', password: 'x' })).toBeNull();
  });

  it('shows the server message when sign-in is refused', async () => {
    const store = createSessionStore(fakeApi({
      login: async () => ({ ok: false, error: { code: 'invalid_credentials', message: 'The e-mail or password is not correct.' } }),
    }));
    await store.login({ email: 'a@example.com', password: 'wrong' });
    expect(store.loginError.value).toBe('The e-mail or password is not correct.');
    expect(store.isSubmitting.value).toBe(false);
  });

  it('shows the sign-in form without an error when there is no session, and the inbox when there is', async () => {
    const signedOut = createSessionStore(fakeApi({}));
    await signedOut.restore();
    expect(signedOut.session.value).toEqual({ status: 'signedOut', notice: null });

    const signedIn = createSessionStore(fakeApi({ me: async () => ({ ok: true, data: info }) }));
    await signedIn.restore();
    expect(signedIn.session.value).toEqual({ status: 'signedIn', info });
    signedIn.expire();
    expect(signedIn.session.value).toMatchObject({ status: 'signedOut', notice: expect.stringContaining('sign in again') });
  });
});
