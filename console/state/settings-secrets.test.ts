import { describe, expect, it, vi } from 'vitest';
import type { ApiToken } from '../../shared/index.ts';
import { fakeApi } from './fake-api.test-helpers.ts';
import { createApiTokens, createIdentitySecret } from './settings-secrets.ts';

const sentences = { empty: 'Name the token.', tooLong: 'Too long.' };
const backend: ApiToken = { id: 't1', name: 'Shop backend', createdAt: '2026-12-01T10:00:00.000Z', lastUsedAt: null };

describe('API tokens on the settings screen', () => {
  it('lists tokens, adds a new one without keeping its secret in the list, and revokes one', async () => {
    const createApiToken = vi.fn(async () => ({ ok: true as const, data: { id: 't2', name: 'Zapier', createdAt: '2026-12-05T06:00:00.000Z', lastUsedAt: null, token: 'plt_secret' } }));
    const tokens = createApiTokens({
      api: fakeApi({ listApiTokens: async () => ({ ok: true, data: { tokens: [backend] } }), createApiToken, revokeApiToken: async () => ({ ok: true, data: null }) }),
      siteId: 's1',
      sentences,
    });
    await tokens.load();
    expect(tokens.tokens.value).toEqual([backend]);
    const created = await tokens.create('  Zapier ');
    expect(createApiToken).toHaveBeenCalledWith('s1', 'Zapier');
    expect(created).toEqual({ ok: true, token: { id: 't2', name: 'Zapier', createdAt: '2026-12-05T06:00:00.000Z', lastUsedAt: null, token: 'plt_secret' } });
    expect(JSON.stringify(tokens.tokens.value)).not.toContain('plt_secret');
    await tokens.revoke('t1');
    expect(tokens.tokens.value.map((t) => t.id)).toEqual(['t2']);
  });

  it('does not ask the server about a blank name, and shows the server\'s refusal next to the name', async () => {
    const tokens = createApiTokens({
      api: fakeApi({
        createApiToken: async () => ({
          ok: false,
          error: { code: 'invalid_payload', message: 'The request was not in the expected form. name: Text cannot contain NUL characters.' },
        }),
      }),
      siteId: 's1',
      sentences,
    });
    expect(await tokens.create('  ')).toEqual({ ok: false, nameError: 'Name the token.', message: null });
    expect(await tokens.create('x')).toEqual({ ok: false, nameError: 'Text cannot contain NUL characters.', message: null });
  });
});

describe('the identity secret', () => {
  it('reports whether one exists and hands a new one over once', async () => {
    const secret = createIdentitySecret({
      api: fakeApi({
        getIdentitySecret: async () => ({ ok: true, data: { exists: false, createdAt: null } }),
        rotateIdentitySecret: async () => ({ ok: true, data: { secret: 'shh', createdAt: '2026-12-05T06:00:00.000Z' } }),
      }),
      siteId: 's1',
    });
    await secret.load();
    expect(secret.status.value).toEqual({ exists: false, createdAt: null });
    expect(await secret.rotate()).toEqual({ ok: true, data: { secret: 'shh' } });
    expect(secret.status.value).toEqual({ exists: true, createdAt: '2026-12-05T06:00:00.000Z' });
  });
});
