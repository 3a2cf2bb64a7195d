import { describe, expect, it } from 'vitest';
import { describeUserAgent } from './describe-user-agent.ts';

describe('describeUserAgent', () => {
  it('names a desktop browser and its system', () => {
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0')).toEqual({
      browser: 'Firefox 128',
      os: 'Windows 10',
      device: 'desktop',
    });
  });

  it('tells phones from tablets', () => {
    const phone = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
    const tablet = 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1';
    expect(describeUserAgent(phone)).toEqual({ browser: 'Chrome 126', os: 'Android 14', device: 'mobile' });
    expect(describeUserAgent(tablet)).toMatchObject({ os: 'iOS 16.6', device: 'tablet' });
  });

  it('says nothing rather than guessing for a missing or unknown agent', () => {
    expect(describeUserAgent(null)).toEqual({ browser: null, os: null, device: null });
    expect(describeUserAgent('<script>alert(1)</script>')).toEqual({ browser: null, os: null, device: null });
  });
});
