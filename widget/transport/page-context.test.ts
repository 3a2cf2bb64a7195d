import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/protocol/limits.ts';
import { toPageContext } from './page-context.ts';

describe('toPageContext', () => {
  it('gives the page and the referrer as the browser reports them', () => {
    expect(toPageContext('https://shop.example/tea?id=7', ' Green tea – Čajovna ', 'https://www.google.com/')).toEqual({
      page: { url: 'https://shop.example/tea?id=7', title: 'Green tea – Čajovna' },
      referrer: 'https://www.google.com/',
    });
  });
  it('leaves the referrer out when there is none', () => {
    expect(toPageContext('https://shop.example/', '', '')).toEqual({ page: { url: 'https://shop.example/', title: '' } });
  });
  it('cuts the URL, the title and the referrer to the protocol’s limits', () => {
    const url = `https://shop.example/?q=${'a'.repeat(5000)}`;
    const context = toPageContext(url, 't'.repeat(500), url);
    expect(context.page.url).toHaveLength(LIMITS.pageUrlLength);
    expect(context.page.title).toHaveLength(LIMITS.pageTitleLength);
    expect(context.referrer).toHaveLength(LIMITS.pageUrlLength);
  });
  it('never leaves half an emoji at the end of a cut title', () => {
    const title = `${'a'.repeat(LIMITS.pageTitleLength - 1)}🍵 tea`;
    expect(toPageContext('https://shop.example/', title, '').page.title).toBe('a'.repeat(LIMITS.pageTitleLength - 1));
  });
});
