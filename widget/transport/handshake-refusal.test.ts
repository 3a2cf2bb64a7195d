import { describe, expect, it } from 'vitest';
import { refusalAction } from './handshake-refusal.ts';

const refusal = (code: string) => Object.assign(new Error(code), { data: { code, message: code } });

describe('refusalAction', () => {
  it('asks for a reload when the server speaks another protocol version', () => {
    expect(refusalAction(refusal('protocol_mismatch'), true)).toBe('reload');
  });
  it('hides the widget for a site key the server does not know', () => {
    expect(refusalAction(refusal('site_unknown'), false)).toBe('hide');
  });
  it('hides the widget on a page whose origin the site does not allow', () => {
    expect(refusalAction(refusal('origin_not_allowed'), true)).toBe('hide');
  });
  it('drops a refused token and reconnects without it', () => {
    expect(refusalAction(refusal('token_invalid'), true)).toBe('new-token');
  });
  it('does not loop on token_invalid when no token was sent', () => {
    expect(refusalAction(refusal('token_invalid'), false)).toBe('retry');
  });
  it('stops on a missing or wrong identity where the site requires verification', () => {
    expect(refusalAction(refusal('identity_required'), false)).toBe('identity');
    expect(refusalAction(refusal('identity_invalid'), true)).toBe('identity');
  });
  it('retries when rate limited, on network errors, and on anything unexpected', () => {
    expect(refusalAction(refusal('rate_limited'), true)).toBe('retry');
    expect(refusalAction(new Error('xhr poll error'), true)).toBe('retry');
    expect(refusalAction({ data: 'garbage' }, true)).toBe('retry');
    expect(refusalAction(null, true)).toBe('retry');
  });
});
