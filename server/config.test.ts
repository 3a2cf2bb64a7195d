import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('starts with sensible defaults when nothing is set', () => {
    const result = parseConfig({}, '/srv/porchlight');
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        port: 3000,
        host: '127.0.0.1',
        publicUrl: 'http://localhost:3000',
        dataDir: '/srv/porchlight/data',
        databaseUrl: undefined,
        logLevel: 'info',
      }),
    });
  });

  it('treats empty variables as unset', () => {
    const result = parseConfig({ PORT: '', DATABASE_URL: '' }, '/x');
    expect(result.ok && result.config.port).toBe(3000);
    expect(result.ok && result.config.databaseUrl).toBeUndefined();
  });

  it('derives the public URL from the port and drops a trailing slash from a given one', () => {
    const a = parseConfig({ PORT: '8080' });
    const b = parseConfig({ PUBLIC_URL: 'https://chat.example.com/' });
    expect(a.ok && a.config.publicUrl).toBe('http://localhost:8080');
    expect(b.ok && b.config.publicUrl).toBe('https://chat.example.com');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number between 0 and 65535 (got "abc").'],
    [{ PORT: '70000' }, 'PORT must be a whole number between 0 and 65535 (got "70000").'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL must be an absolute http(s) URL, e.g. https://chat.example.com (got "ftp://x").'],
    [{ ADMIN_EMAIL: 'nope' }, 'ADMIN_EMAIL must be an e-mail address (got "nope").'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY must be true or false (got "yes").'],
  ])('refuses %j with one line naming the variable and what it expects', (env, message) => {
    expect(parseConfig(env)).toEqual({ ok: false, error: message });
  });

  it('never repeats a rejected password or database URL in the error', () => {
    const password = parseConfig({ ADMIN_PASSWORD: 'short' });
    const database = parseConfig({ DATABASE_URL: 'mysql://user:secret@host/db' });
    expect(password).toEqual({ ok: false, error: 'ADMIN_PASSWORD must be a password of at least 10 characters.' });
    expect(database.ok).toBe(false);
    expect(JSON.stringify(database)).not.toContain('secret');
  });
});
