import { createServer as createNetServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach } from 'vitest';
import { closeAllSockets } from './clients.ts';
import type { TestServer } from './server.ts';

/** A mail as the receiving SMTP server got it, parsed. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The raw header block (unfolded, LF line ends), to check for injected headers. */
  headers: string;
}

export interface SmtpPeer {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Resolves once `count` mails have arrived in all. */
  waitFor(count: number): Promise<ReceivedMail[]>;
  /** With `hold`: resolves once a mail's data has arrived and waits for `release()` to be accepted. */
  held(): Promise<void>;
  /** Accepts the held mails (the server answers 250 only now). */
  release(): void;
  close(): Promise<void>;
}

export interface SmtpPeerOptions {
  port?: number;
  /** Recipients refused with "550 No such user here" (a permanent failure). */
  rejectRecipients?: string[];
  /** Hold each mail after its data has arrived, before answering, until `release()`: a send in progress. */
  hold?: boolean;
}

/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1: accepts every mail without authentication or
 * TLS and keeps it parsed, for tests of what Porchlight sends.
 */
export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const waiters: Array<{ count: number; resolve: (mails: ReceivedMail[]) => void }> = [];
  let releaseHeld: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (releaseHeld = resolve));
  let heldNow: () => void = () => undefined;
  const isHeld = new Promise<void>((resolve) => (heldNow = resolve));
  const rejected = new Set((options.rejectRecipients ?? []).map((a) => a.toLowerCase()));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        const error = Object.assign(new Error('No such user here'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        if (options.hold) heldNow();
        (options.hold ? released : Promise.resolve())
          .then(() => simpleParser(raw))
          .then((parsed) => {
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              // Lines as written, unfolded (a long header continues on indented lines), with LF line ends.
              headers: (raw.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '').replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' '),
            });
            for (const waiter of waiters.filter((w) => received.length >= w.count)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve([...received]);
            }
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve([...received]);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    held: () => isHeld,
    release: () => releaseHeld(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (taken and released), for "the SMTP server is down". */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Reads until `done` holds (the test's own timeout bounds the wait): for state a background worker changes. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Servers and SMTP peers a test started, closed after each test: sockets first, then servers newest first
 * (a restarted server shares its data directory with the one before it), then the peers.
 */
export function closedAfterEach(): { servers: TestServer[]; peers: SmtpPeer[] } {
  const servers: TestServer[] = [];
  const peers: SmtpPeer[] = [];
  afterEach(async () => {
    closeAllSockets();
    for (const s of servers.splice(0).reverse()) await s.destroy();
    for (const p of peers.splice(0)) await p.close();
  });
  return { servers, peers };
}
