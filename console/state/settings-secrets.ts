import { signal, type ReadonlySignal } from '@preact/signals';
import type { ApiToken, IdentitySecretStatus } from '../../shared/index.ts';
import type { ApiClient, ClientResult } from '../transport/index.ts';
import { placeServerError } from './form-errors.ts';
import type { LoadState } from './inbox.ts';

/** What creating a token came to: the token in clear (shown once), or why not (next to the name field or alone). */
export type CreateTokenResult = { ok: true; token: ApiToken & { token: string } } | { ok: false; nameError: string | null; message: string | null };

export interface ApiTokens {
  tokens: ReadonlySignal<readonly ApiToken[]>;
  loadState: ReadonlySignal<LoadState>;
  isBusy: ReadonlySignal<boolean>;
  load(): Promise<void>;
  create(name: string): Promise<CreateTokenResult>;
  revoke(tokenId: string): Promise<ClientResult<null>>;
}

/** Checks a token's name before asking the server (the server's sentences, so both sides read the same). */
export function checkTokenName(name: string, sentences: { empty: string; tooLong: string }): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return sentences.empty;
  if (trimmed.length > 80) return sentences.tooLong;
  return null;
}

/**
 * The site's API tokens on the Settings screen. They act at once through their own routes, never through
 * "Save settings"; the secret of a new token is handed to the screen once and kept nowhere here.
 */
export function createApiTokens({ api, siteId, sentences }: { api: ApiClient; siteId: string; sentences: { empty: string; tooLong: string } }): ApiTokens {
  const tokens = signal<readonly ApiToken[]>([]);
  const loadState = signal<LoadState>({ status: 'loading' });
  const isBusy = signal(false);

  return {
    tokens,
    loadState,
    isBusy,
    async load() {
      loadState.value = { status: 'loading' };
      const result = await api.listApiTokens(siteId);
      if (!result.ok) {
        loadState.value = { status: 'error', message: result.error.message };
        return;
      }
      tokens.value = result.data.tokens;
      loadState.value = { status: 'ready' };
    },
    async create(name) {
      const problem = checkTokenName(name, sentences);
      if (problem) return { ok: false, nameError: problem, message: null };
      if (isBusy.value) return { ok: false, nameError: null, message: null };
      isBusy.value = true;
      try {
        const result = await api.createApiToken(siteId, name.trim());
        if (!result.ok) {
          const placed = placeServerError(result.error, ['name']);
          return { ok: false, nameError: placed.fields.name ?? null, message: placed.message };
        }
        const { token: _secret, ...listed } = result.data;
        tokens.value = [...tokens.value, listed];
        return { ok: true, token: result.data };
      } finally {
        isBusy.value = false;
      }
    },
    async revoke(tokenId) {
      isBusy.value = true;
      try {
        const result = await api.revokeApiToken(siteId, tokenId);
        // Already revoked (in another tab): it should not stay listed either.
        if (result.ok || result.error.code === 'not_found') tokens.value = tokens.value.filter((t) => t.id !== tokenId);
        return result;
      } finally {
        isBusy.value = false;
      }
    },
  };
}

export interface IdentitySecret {
  status: ReadonlySignal<IdentitySecretStatus | null>;
  loadState: ReadonlySignal<LoadState>;
  isBusy: ReadonlySignal<boolean>;
  load(): Promise<void>;
  /** A new secret (the old one stops working at once); the secret is returned for showing once. */
  rotate(): Promise<ClientResult<{ secret: string }>>;
}

/** Whether the site has an identity-verification secret, and making a new one. */
export function createIdentitySecret({ api, siteId }: { api: ApiClient; siteId: string }): IdentitySecret {
  const status = signal<IdentitySecretStatus | null>(null);
  const loadState = signal<LoadState>({ status: 'loading' });
  const isBusy = signal(false);
  return {
    status,
    loadState,
    isBusy,
    async load() {
      loadState.value = { status: 'loading' };
      const result = await api.getIdentitySecret(siteId);
      if (!result.ok) {
        loadState.value = { status: 'error', message: result.error.message };
        return;
      }
      status.value = result.data;
      loadState.value = { status: 'ready' };
    },
    async rotate() {
      if (isBusy.value) return { ok: false, error: { code: 'internal', message: '' } };
      isBusy.value = true;
      try {
        const result = await api.rotateIdentitySecret(siteId);
        if (!result.ok) return result;
        status.value = { exists: true, createdAt: result.data.createdAt };
        return { ok: true, data: { secret: result.data.secret } };
      } finally {
        isBusy.value = false;
      }
    },
  };
}
