import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchFaq } from './fetch-faq.ts';

const respond = (body: unknown) => vi.fn(async (_url: string) => new Response(JSON.stringify(body)));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchFaq', () => {
  it("asks for the site's questions in the visitor's language and returns them", async () => {
    const entries = [{ question: 'Máte čaj?', answer: 'Ano.' }];
    const fetch = respond({ entries });
    vi.stubGlobal('fetch', fetch);
    expect(await fetchFaq('https://chat.example.com', 'demo site', 'cs')).toEqual(entries);
    expect(fetch).toHaveBeenCalledWith('https://chat.example.com/api/v1/sites/demo%20site/faq?lang=cs');
  });

  it('drops entries that are not a question and an answer as text', async () => {
    vi.stubGlobal('fetch', respond({ entries: [{ question: 'Q?', answer: 1 }, { question: 'Ok?', answer: 'Yes.' }] }));
    expect(await fetchFaq('https://x.test', 'demo', 'en')).toEqual([{ question: 'Ok?', answer: 'Yes.' }]);
  });

  it('fails silently with no questions: network error, unknown site, broken body', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await fetchFaq('https://x.test', 'demo', 'en')).toEqual([]);
    vi.stubGlobal('fetch', respond({ error: { code: 'site_unknown' } }));
    expect(await fetchFaq('https://x.test', 'nope', 'en')).toEqual([]);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>')));
    expect(await fetchFaq('https://x.test', 'demo', 'en')).toEqual([]);
  });
});
