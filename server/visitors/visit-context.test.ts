import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/index.ts';
import { cleanText, toVisitContext, toWebAddress, USER_AGENT_LENGTH } from './visit-context.ts';

describe('toWebAddress', () => {
  it('keeps http and https addresses', () => {
    expect(toWebAddress('https://shop.example/tea?id=7#reviews')).toBe('https://shop.example/tea?id=7#reviews');
    expect(toWebAddress('http://shop.example')).toBe('http://shop.example/');
  });

  it('drops every other scheme, relative and unparsable text', () => {
    for (const raw of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:msgbox(1)', 'file:///etc/passwd', '/tea', 'not a url', '']) {
      expect(toWebAddress(raw)).toBeUndefined();
    }
  });

  it('removes a user name and password written into the address', () => {
    expect(toWebAddress('https://jana:secret@shop.example/account')).toBe('https://shop.example/account');
  });

  it('cuts a long address to the protocol limit', () => {
    const long = `https://shop.example/${'a'.repeat(5000)}`;
    expect(toWebAddress(long)).toHaveLength(LIMITS.pageUrlLength);
  });
});

describe('cleanText', () => {
  it('removes NUL, turns controls and white-space runs into one space, trims', () => {
    expect(cleanText('  Green\u0000 tea\n\t– Shop\u0007 ', 100)).toBe('Green tea – Shop');
  });

  it('replaces a lone surrogate and never leaves half of an emoji at the cut', () => {
    expect(cleanText('tea \uD800 time', 100)).toBe('tea \uFFFD time');
    const cutInEmoji = cleanText(`${'a'.repeat(9)}🍵`, 10);
    expect(cutInEmoji).toBe('a'.repeat(9));
    expect(cutInEmoji.isWellFormed()).toBe(true);
  });
});

describe('toVisitContext', () => {
  it('keeps a web page with its cleaned title, the referrer and the User-Agent', () => {
    expect(
      toVisitContext({
        page: { url: 'https://shop.example/sencha', title: ' Sencha\u0000 ' },
        referrer: 'https://search.example/?q=sencha',
        userAgent: 'Mozilla/5.0',
      }),
    ).toEqual({
      page: { url: 'https://shop.example/sencha', title: 'Sencha' },
      referrer: 'https://search.example/?q=sencha',
      userAgent: 'Mozilla/5.0',
    });
  });

  it('drops a page whose address is not http(s), a script referrer and an empty User-Agent', () => {
    expect(
      toVisitContext({ page: { url: 'javascript:alert(1)', title: 'x' }, referrer: 'javascript:alert(2)', userAgent: '' }),
    ).toEqual({ page: undefined, referrer: undefined, userAgent: undefined });
  });

  it('cuts the title and the User-Agent to their limits', () => {
    const context = toVisitContext({ page: { url: 'https://shop.example/', title: 't'.repeat(1000) }, userAgent: 'u'.repeat(2000) });
    expect(context.page?.title).toHaveLength(LIMITS.pageTitleLength);
    expect(context.userAgent).toHaveLength(USER_AGENT_LENGTH);
  });
});
