import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACES,
  PROTOCOL_VERSION,
  type OperatorClientEvents,
  type OperatorServerEvents,
  type Result,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '../../shared/index.ts';
import { OPERATOR, sessionCookie, type TestServer } from './server.ts';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type OperatorSocket = Socket<OperatorServerEvents, OperatorClientEvents>;

const sockets = new Set<Socket>();

/** A real socket.io-client visitor socket; resolves once connected (or rejects with the connect error). */
export function visitorSocket(
  url: string,
  auth: Record<string, unknown> = { v: PROTOCOL_VERSION, siteKey: 'demo' },
  options: { reconnection?: boolean; headers?: Record<string, string> } = {},
): VisitorSocket {
  const socket: VisitorSocket = io(`${url}${NAMESPACES.visitor}`, {
    auth,
    ...(options.headers ? { extraHeaders: options.headers } : {}),
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  sockets.add(socket);
  return socket;
}

export function operatorSocket(
  url: string,
  cookie: string,
  options: { reconnection?: boolean; auth?: Record<string, unknown>; origin?: string } = {},
): OperatorSocket {
  const headers: Record<string, string> = { cookie };
  if (options.origin) headers.origin = options.origin;
  const socket: OperatorSocket = io(`${url}${NAMESPACES.operator}`, {
    auth: options.auth ?? { v: PROTOCOL_VERSION },
    extraHeaders: headers,
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  sockets.add(socket);
  return socket;
}

/** Resolves on `connect`, rejects with `err.data` (the server's `{ code, message }`) on `connect_error`. */
export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err: Error & { data?: unknown }) => reject(err.data ?? err));
  });
}

/** The `{ code, message }` a handshake was refused with. */
export function refused(socket: Socket): Promise<{ code: string; message: string }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('expected the handshake to be refused, but it connected')));
    socket.once('connect_error', (err: Error & { data?: { code: string; message: string } }) =>
      err.data ? resolve(err.data) : reject(err),
    );
  });
}

/** Emits an event and waits for its ack (5 s). Untyped on purpose: tests also send malformed payloads. */
export async function call<T = unknown>(socket: Socket, event: string, ...args: unknown[]): Promise<Result<T>> {
  return (await socket.timeout(5000).emitWithAck(event, ...args)) as Result<T>;
}

/** The data of a successful ack, or a thrown error showing the refusal. */
export async function callOk<T = unknown>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  const result = await call<T>(socket, event, ...args);
  if (!result.ok) throw new Error(`${event} was refused: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** Resolves with the next `event` payload that satisfies `match`; rejects after `ms`. */
export function nextEvent<T = unknown>(socket: Socket, event: string, match: (payload: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no "${event}" event within ${ms} ms`));
    }, ms);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Collects every payload of an event, for asserting that something did NOT arrive. */
export function collect<T = unknown>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Signs in through the public REST route and returns the Cookie header value for the session. */
export async function login(url: string, credentials: { email: string; password: string } = OPERATOR): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (response.status !== 200) throw new Error(`login failed with ${response.status}: ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

export function closeAllSockets(): void {
  for (const socket of sockets) socket.disconnect();
  sockets.clear();
}

let counter = 0;
/** A fresh client id in the protocol's format. */
export function clientId(): string {
  counter += 1;
  return `test-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A connected visitor that has synced once: its socket, token and visitor id. */
export async function newVisitor(url: string, siteKey = 'demo', options: { reconnection?: boolean } = {}) {
  const socket = visitorSocket(url, { v: PROTOCOL_VERSION, siteKey }, options);
  await connected(socket);
  const sync = await callOk<{ token: string | null; visitorId: string }>(socket, 'conversation:sync', { afterSeq: 0 });
  if (!sync.token) throw new Error('a new visitor should have been issued a token');
  // As the widget does: every later (re)connect of this socket presents the issued token.
  socket.auth = { v: PROTOCOL_VERSION, siteKey, token: sync.token };
  return { socket, token: sync.token, visitorId: sync.visitorId };
}

/** Another tab of a visitor who already has a token. */
export async function visitorTab(url: string, token: string, siteKey = 'demo', options: { reconnection?: boolean } = {}) {
  const socket = visitorSocket(url, { v: PROTOCOL_VERSION, siteKey, token }, options);
  await connected(socket);
  return socket;
}

/** A signed-in operator's connected console socket. */
export async function newOperator(url: string, options: { reconnection?: boolean } = {}) {
  const cookie = await login(url);
  const socket = operatorSocket(url, cookie, options);
  await connected(socket);
  return { socket, cookie };
}

/** Every event a socket receives, in order, whatever its name: for asserting what never arrived. */
export function recordEverything(socket: Socket): Array<{ event: string; args: unknown[] }> {
  const received: Array<{ event: string; args: unknown[] }> = [];
  socket.onAny((event: string, ...args: unknown[]) => received.push({ event, args }));
  return received;
}

/**
 * A connected console of the operator with this e-mail (the seeded one by default), with a session made
 * directly in the store: for tests that are not about signing in (see sessionCookie).
 */
export async function operatorConsole(server: TestServer, email: string = OPERATOR.email, options: { reconnection?: boolean } = {}) {
  const cookie = await sessionCookie(server, email);
  const socket = operatorSocket(server.url, cookie, options);
  await connected(socket);
  return { socket, cookie };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/**
 * Calls a REST route as the console does (same-origin, JSON), with the given session cookie (or none).
 * The body of a 204 is null.
 */
export async function api<T = any>(
  url: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { cookie?: string; body?: unknown; origin?: string } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
}
