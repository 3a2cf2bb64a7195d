import UAParser from 'ua-parser-js';

export interface UserAgentDescription {
  /** "Firefox 128", "Mobile Safari 17"; null when not recognised. */
  browser: string | null;
  /** "Windows 10", "iOS 17.5"; null when not recognised. */
  os: string | null;
  device: 'desktop' | 'mobile' | 'tablet' | null;
}

const join = (name: string | undefined, version: string | undefined) =>
  name === undefined ? null : version === undefined ? name : `${name} ${version}`;

/**
 * A User-Agent header in the words an operator reads. ua-parser-js reports no device type for desktop
 * browsers, so a recognised browser without one counts as a desktop; a phone-sized wearable as mobile.
 *
 * @example describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0')
 * // { browser: 'Firefox 128', os: 'Windows 10', device: 'desktop' }
 */
export function describeUserAgent(userAgent: string | null): UserAgentDescription {
  if (userAgent === null) return { browser: null, os: null, device: null };
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const browserName = join(browser.name, browser.major);
  const type = device.type;
  return {
    browser: browserName,
    os: join(os.name, os.version),
    device:
      type === 'mobile' || type === 'wearable'
        ? 'mobile'
        : type === 'tablet'
          ? 'tablet'
          : type === undefined && browserName !== null
            ? 'desktop'
            : null,
  };
}
