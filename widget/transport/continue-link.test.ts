import { describe, expect, it } from 'vitest';
import { readContinueToken, withoutContinueToken } from './continue-link.ts';

describe('the continue token in the address', () => {
  const token = 'AbC_dEf-0123456789abcdefghij';

  it('is read from the fragment, alone or among other parts', () => {
    expect(readContinueToken(`#porchlight-continue=${token}`)).toBe(token);
    expect(readContinueToken(`#tab=reviews&porchlight-continue=${token}`)).toBe(token);
    expect(readContinueToken(`#porchlight-continue=${token}&tab=reviews`)).toBe(token);
  });

  it('is not found in anything else', () => {
    expect(readContinueToken('')).toBeNull();
    expect(readContinueToken('#reviews')).toBeNull();
    expect(readContinueToken('#porchlight-continue=short')).toBeNull();
    expect(readContinueToken(`#porchlight-continue=${token}<script>`)).toBeNull();
    expect(readContinueToken(`#xporchlight-continue=${token}`)).toBeNull();
  });

  it('leaves the rest of the fragment in the address bar', () => {
    expect(withoutContinueToken(`#porchlight-continue=${token}`)).toBe('');
    expect(withoutContinueToken(`#tab=reviews&porchlight-continue=${token}`)).toBe('#tab=reviews');
  });
});
