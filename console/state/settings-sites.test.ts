import { describe, expect, it, vi } from 'vitest';
import type { SiteMembership } from '../../shared/index.ts';
import { fakeApi } from './fake-api.test-helpers.ts';
import { addSite, ownedSites, renameSite } from './settings-sites.ts';

const sentences = { empty: 'Enter the name.', tooLong: 'Too long.' };
const bakery: SiteMembership = { id: 's2', key: 's_abc', name: 'Bakery', role: 'owner' };

describe('adding a site', () => {
  it('creates it, then refreshes the session before handing it back', async () => {
    const order: string[] = [];
    const createSite = vi.fn(async () => {
      order.push('create');
      return { ok: true as const, data: { site: bakery } };
    });
    const result = await addSite({ api: fakeApi({ createSite }), refreshSession: async () => void order.push('refresh'), sentences }, ' Bakery ');
    expect(createSite).toHaveBeenCalledWith('Bakery');
    expect(result).toEqual({ ok: true, site: bakery });
    expect(order).toEqual(['create', 'refresh']);
  });

  it('refuses a blank or too long name without asking the server', async () => {
    const deps = { api: fakeApi({}), refreshSession: async () => undefined, sentences };
    expect(await addSite(deps, ' ')).toEqual({ ok: false, nameError: 'Enter the name.', message: null });
    expect(await addSite(deps, 'x'.repeat(81))).toEqual({ ok: false, nameError: 'Too long.', message: null });
  });

  it('lists only the sites the operator owns', () => {
    expect(ownedSites([bakery, { id: 's3', key: 'demo', name: 'Demo', role: 'operator' }])).toEqual([bakery]);
  });
});

describe('renaming a site', () => {
  it('sends the trimmed name and refreshes the session', async () => {
    const refreshSession = vi.fn(async () => undefined);
    const api = fakeApi({ renameSite: async (_id, name) => ({ ok: true, data: { site: { ...bakery, name } } }) });
    expect(await renameSite({ api, refreshSession, sentences }, 's2', ' Bakery Novák ')).toEqual({ ok: true, site: { ...bakery, name: 'Bakery Novák' } });
    expect(refreshSession).toHaveBeenCalledOnce();
  });

  it('shows the server\'s refusal that is not about the name as a message', async () => {
    const api = fakeApi({ renameSite: async () => ({ ok: false, error: { code: 'forbidden', message: 'Only owners can do this.' } }) });
    expect(await renameSite({ api, refreshSession: async () => undefined, sentences }, 's2', 'x')).toEqual({ ok: false, nameError: null, message: 'Only owners can do this.' });
  });
});
