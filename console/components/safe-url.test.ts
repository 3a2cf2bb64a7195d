import { describe, expect, it } from 'vitest';
import { httpHref } from './safe-url.ts';

describe('httpHref', () => {
  it('links http and https pages', () => {
    expect(httpHref('https://shop.example/cart?x=1')).toBe('https://shop.example/cart?x=1');
    expect(httpHref('http://shop.example')).toBe('http://shop.example/');
  });

  it('never links javascript:, data:, relative or malformed addresses', () => {
    expect(httpHref('javascript:alert(1)')).toBeNull();
    expect(httpHref(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(httpHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(httpHref('/console/#/team')).toBeNull();
    expect(httpHref('http://')).toBeNull();
    expect(httpHref(null)).toBeNull();
  });
});
