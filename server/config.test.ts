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
    const smtp = parseConfig({ SMTP_URL: 'http://user:secret@mail.example.com' });
    expect(smtp.ok).toBe(false);
    expect(JSON.stringify(smtp)).toContain('SMTP_URL must be an smtp:// or smtps:// URL');
    expect(JSON.stringify(smtp)).not.toContain('secret');
  });

  it('writes mails as files under DATA_DIR/mail from chat@ the public host unless told otherwise', () => {
    const files = parseConfig({ PUBLIC_URL: 'https://chat.tea.example' }, '/srv/porchlight');
    expect(files.ok && files.config.mail).toEqual({
      smtpUrl: undefined,
      from: 'chat@chat.tea.example',
      dir: '/srv/porchlight/data/mail',
      retryBaseMs: 30_000,
      pollMs: 5000,
      inboundPort: undefined,
      replyDomain: 'chat.tea.example',
    });
    const smtp = parseConfig({ SMTP_URL: 'smtps://u:p@mail.tea.example:465', MAIL_FROM: 'Hello@Tea.example', MAIL_RETRY_SECONDS: '60' });
    expect(smtp.ok && smtp.config.mail).toMatchObject({ smtpUrl: 'smtps://u:p@mail.tea.example:465', from: 'hello@tea.example', retryBaseMs: 60_000 });
    // An IP address or localhost has no mail domain of its own.
    expect(parseConfig({}).ok && (parseConfig({}) as { config: { mail: { from: string } } }).config.mail.from).toBe('chat@localhost');
  });
});
