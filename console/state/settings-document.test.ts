import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../../shared/index.ts';
import { fakeApi } from './fake-api.test-helpers.ts';
import { createSettingsDocument } from './settings-document.ts';

const stored: SiteSettings = { ...DEFAULT_SITE_SETTINGS, teamName: 'Jana' };

describe('the settings document', () => {
  it('loads the settings, knows when they were changed, and saves the whole document', async () => {
    const putSettings = vi.fn(async (_key: string, settings: SiteSettings) => ({ ok: true as const, data: { ...settings, look: { ...settings.look, accentColor: '#1d4ed8' } } }));
    const doc = createSettingsDocument({ api: fakeApi({ getSettings: async () => ({ ok: true, data: stored }), putSettings }), siteKey: 'demo' });
    await doc.load();
    expect(doc.loadState.value).toEqual({ status: 'ready' });
    expect(doc.isDirty.value).toBe(false);

    doc.edit((draft) => ({ ...draft, teamName: 'Tea team', look: { ...draft.look, accentColor: '#1D4ED8' } }));
    expect(doc.isDirty.value).toBe(true);
    doc.edit((draft) => ({ ...draft, teamName: 'Jana', look: stored.look }));
    expect(doc.isDirty.value).toBe(false);
    doc.edit((draft) => ({ ...draft, teamName: 'Tea team', look: { ...draft.look, accentColor: '#1D4ED8' } }));

    expect(await doc.save()).toEqual({ status: 'saved' });
    expect(putSettings).toHaveBeenCalledWith('demo', { ...stored, teamName: 'Tea team', look: { ...stored.look, accentColor: '#1D4ED8' } });
    // The server's normalised form (lowercased colour) is what the form shows now, and nothing is unsaved.
    expect(doc.draft.value?.look.accentColor).toBe('#1d4ed8');
    expect(doc.isDirty.value).toBe(false);
    doc.edit((draft) => ({ ...draft, greetingless: true }) as SiteSettings);
    expect(doc.saveState.value).toEqual({ status: 'idle' });
  });

  it('keeps every edit when the server refuses, with its issues placed by field', async () => {
    const doc = createSettingsDocument({
      api: fakeApi({
        getSettings: async () => ({ ok: true, data: stored }),
        putSettings: async () => ({
          ok: false,
          error: {
            code: 'invalid_payload',
            message: 'The settings were not saved: 2 fields need attention.',
            issues: [
              { path: ['allowedOrigins', 0], message: 'Enter an origin such as https://shop.example.' },
              { path: ['schedule', 'timeZone'], message: 'Pick a time zone.' },
            ],
          },
        }),
      }),
      siteKey: 'demo',
    });
    await doc.load();
    doc.edit((draft) => ({ ...draft, teamName: 'Tea team', allowedOrigins: ['shop.example/cart'] }));
    const state = await doc.save();
    expect(state).toEqual({
      status: 'refused',
      message: 'The settings were not saved: 2 fields need attention.',
      placed: {
        byField: { 'settings-allowedOrigins-0': 'Enter an origin such as https://shop.example.' },
        summary: [
          { fieldId: 'settings-allowedOrigins-0', message: 'Enter an origin such as https://shop.example.' },
          { fieldId: null, message: 'schedule › timeZone: Pick a time zone.' },
        ],
      },
    });
    expect(doc.draft.value).toMatchObject({ teamName: 'Tea team', allowedOrigins: ['shop.example/cart'] });
    expect(doc.isDirty.value).toBe(true);

    // Typing keeps the issues in view; removing the origin makes them point at nothing, so they go.
    doc.edit((draft) => ({ ...draft, teamName: 'Tea team!' }));
    expect(doc.saveState.value.status).toBe('refused');
    doc.edit((draft) => ({ ...draft, allowedOrigins: [] }), { isStructural: true });
    expect(doc.saveState.value).toEqual({ status: 'idle' });
  });

  it('says why it could not load or save when the server is out of reach', async () => {
    const offline = { ok: false as const, error: { code: 'network' as const, message: 'Could not reach the server.' } };
    const doc = createSettingsDocument({ api: fakeApi({ getSettings: async () => offline }), siteKey: 'demo' });
    await doc.load();
    expect(doc.loadState.value).toEqual({ status: 'error', message: 'Could not reach the server.' });
    expect(doc.draft.value).toBeNull();

    const saving = createSettingsDocument({ api: fakeApi({ getSettings: async () => ({ ok: true, data: stored }), putSettings: async () => offline }), siteKey: 'demo' });
    await saving.load();
    saving.edit((draft) => ({ ...draft, teamName: 'Tea team' }));
    expect(await saving.save()).toEqual({ status: 'refused', message: 'Could not reach the server.', placed: { byField: {}, summary: [] } });
    expect(saving.draft.value?.teamName).toBe('Tea team');
  });
});
