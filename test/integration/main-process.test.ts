import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/index.ts';
import { callOk, clientId, closeAllSockets, connected, visitorSocket } from '../helpers/clients.ts';

/**
 * The real entry point, as `npm start` runs it (after the build): a child process reading its environment,
 * listening, seeding a first start, and shutting down on a signal.
 */
const root = new URL('../..', import.meta.url).pathname;
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const children = new Set<ChildProcess>();
const dirs: string[] = [];

interface Running {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Running {
  const child = spawn(tsx, ['server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url: '', stdout: () => out, stderr: () => err, exited };
}

async function started(env: Record<string, string>): Promise<Running> {
  const running = run(env);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(running.stdout());
    if (match) return { ...running, url: match[1]! };
    if (running.child.exitCode !== null) throw new Error(`exited early: ${running.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`did not start: ${running.stdout()} ${running.stderr()}`);
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-main-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  closeAllSockets();
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  children.clear();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('server/main.ts', () => {
  it('refuses a bad setting with one line naming the variable', async () => {
    const running = run({ PORT: 'eighty', DATA_DIR: tempDir() });
    expect(await running.exited).toBe(1);
    expect(running.stderr().trim()).toBe('Porchlight cannot start: PORT must be a whole number between 0 and 65535 (got "eighty").');
  });

  it('first start creates the database, the demo site and an operator with a password printed once; SIGTERM stops it cleanly', async () => {
    const dataDir = tempDir();
    const first = await started({ DATA_DIR: dataDir, ADMIN_EMAIL: 'owner@tea.example' });
    const password = /Password \(shown only now, write it down\): (\S+)/.exec(first.stdout())?.[1];
    expect(password).toBeDefined();

    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok', storage: 'sqlite' });
    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@tea.example', password }),
    });
    expect(login.status).toBe(200);
    // The demo shop, and the demo's office-hours site (demo-site/tastings.html), both owned by the first operator.
    expect((await login.json()).sites.map((s: { key: string }) => s.key).sort()).toEqual(['demo', 'demo-hours']);
    const demo = await fetch(`${first.url}/`);
    expect(demo.status).toBe(200);
    expect(await demo.text()).toContain('data-site="demo"');
    expect(await (await fetch(`${first.url}/tastings.html`)).text()).toContain('data-site="demo-hours"');
    const saturday = await fetch(`${first.url}/api/v1/sites/demo-hours/availability?at=2026-12-05T11:00:00Z`);
    expect((await saturday.json()).mode).toBe('hidden');
    const weekday = await fetch(`${first.url}/api/v1/sites/demo-hours/availability?at=2026-12-07T09:00:00Z`);
    // Inside office hours with nobody signed in: the message form.
    expect((await weekday.json()).mode).toBe('form');

    // A visitor is connected mid-conversation when the signal comes: the socket is closed, the message kept.
    const visitor = visitorSocket(first.url);
    await connected(visitor);
    await callOk(visitor, 'message:send', { clientId: clientId(), body: 'kept across the restart' });
    const visitorToken = (await callOk<{ token: string }>(visitor, 'conversation:sync', { afterSeq: 0 })).token;
    const socketClosed = new Promise((resolve) => visitor.once('disconnect', resolve));
    const stoppedAt = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    await socketClosed;

    // A second start finds everything in place and prints no password.
    const second = await started({ DATA_DIR: dataDir, ADMIN_EMAIL: 'owner@tea.example' });
    expect(second.stdout()).not.toContain('Password');
    const again = await fetch(`${second.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@tea.example', password }),
    });
    expect(again.status).toBe(200);
    const back = visitorSocket(second.url, { v: PROTOCOL_VERSION, siteKey: 'demo', token: visitorToken });
    await connected(back);
    const sync = await callOk<{ messages: Array<{ body: string }> }>(back, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages.map((m) => m.body)).toEqual(['kept across the restart']);
    back.disconnect();
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('uses PostgreSQL when DATABASE_URL is set', async () => {
    const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `pl_main_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const url = `${base}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const running = await started({ DATA_DIR: tempDir(), DATABASE_URL: url, ADMIN_PASSWORD: 'a-long-enough-password' });
      expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({ status: 'ok', storage: 'postgres' });
      const tables = await admin.query(`select table_name from information_schema.tables where table_schema = $1`, [schema]);
      expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual(expect.arrayContaining(['messages', 'conversations']));
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });

  it('stops with a clear line when the database cannot be reached', async () => {
    const running = run({ DATA_DIR: tempDir(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(await running.exited).toBe(1);
    expect(running.stderr()).toMatch(/^Porchlight cannot start: the Postgres database at DATABASE_URL could not be opened/);
  });
});
