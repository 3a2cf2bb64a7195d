import { io, type Socket } from 'socket.io-client';
import type { OperatorClientEvents, OperatorResult, OperatorServerEvents, Result } from '../../shared/index.ts';
import { OPERATOR_NAMESPACE, PROTOCOL_VERSION } from '../protocol.ts';
import { t } from '../i18n/index.ts';
import type { ClientResult } from './client-error.ts';

/** Events the server acknowledges with a `Result`. */
export type AckedEvent =
  | 'conversation:list'
  | 'conversation:sync'
  | 'message:send'
  | 'message:seen'
  | 'presence:update'
  | 'presence:list'
  | 'conversation:details'
  | 'note:add'
  | 'conversation:assign'
  | 'conversation:resolve'
  | 'conversation:reopen'
  | 'conversation:promise'
  | 'conversation:follow-up'
  | 'conversation:search';
export type EventPayload<K extends keyof OperatorClientEvents> = Parameters<OperatorClientEvents[K]>[0];

/** What the realtime connection reports to the state layer. */
export type SocketStatus =
  | { kind: 'connected' }
  | { kind: 'disconnected' }
  /** The server refused the connection; it is not retried. */
  | { kind: 'rejected'; code: 'unauthorized' | 'protocol_mismatch' };

/** The operator's realtime connection (namespace `/operator`), authenticated by the session cookie. */
export interface OperatorSocket {
  /** Sends an acknowledged event; fails fast with `offline` while disconnected instead of queueing it. */
  request<K extends AckedEvent>(event: K, payload: EventPayload<K>): Promise<ClientResult<OperatorResult<K>>>;
  sendTyping(payload: EventPayload<'typing:update'>): void;
  on<K extends keyof OperatorServerEvents>(event: K, handler: OperatorServerEvents[K]): () => void;
  onStatus(handler: (status: SocketStatus) => void): () => void;
  close(): void;
}

const ACK_TIMEOUT_MS = 10_000;
/** Delay before reconnecting after the server refused us for a reason that may pass (e.g. storage down). */
const RETRY_REFUSED_MS = 5_000;
/**
 * Delay before reconnecting after the server closed the socket on purpose. Short, because the usual reason
 * is that the operator was removed or their session revoked: the next handshake is refused as
 * `unauthorized`, and the console should show the sign-in screen at once, not after 5 s.
 */
const RETRY_SERVER_DISCONNECT_MS = 500;

export function createOperatorSocket(url: string = OPERATOR_NAMESPACE): OperatorSocket {
  const socket: Socket<OperatorServerEvents, OperatorClientEvents> = io(url, {
    auth: { v: PROTOCOL_VERSION },
    withCredentials: true,
  });
  const statusHandlers = new Set<(status: SocketStatus) => void>();
  const report = (status: SocketStatus) => statusHandlers.forEach((handler) => handler(status));
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const retryLater = (delayMs = RETRY_REFUSED_MS) => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      if (!closed && !socket.connected) socket.connect();
    }, delayMs);
  };

  socket.on('connect', () => report({ kind: 'connected' }));
  socket.on('disconnect', (reason) => {
    report({ kind: 'disconnected' });
    // The client reconnects by itself except when the server closed the socket on purpose.
    if (reason === 'io server disconnect') retryLater(RETRY_SERVER_DISCONNECT_MS);
  });
  socket.on('connect_error', (error: Error & { data?: { code?: unknown } }) => {
    const code = error.data?.code;
    if (code === 'unauthorized' || code === 'protocol_mismatch') {
      report({ kind: 'rejected', code });
      return;
    }
    report({ kind: 'disconnected' });
    // `active` is false when the server's middleware refused the connection: socket.io does not retry then.
    if (!socket.active) retryLater();
  });

  // socket.io's typings cannot follow a generic event name through timeout().emitWithAck(), so the call is
  // typed once here; the event maps above still check every caller.
  type EmitWithAck = (event: string, payload: unknown) => Promise<unknown>;

  return {
    async request(event, payload) {
      if (!socket.connected) return { ok: false, error: { code: 'offline', message: t.offlineError } };
      const timed = socket.timeout(ACK_TIMEOUT_MS);
      const emitWithAck = timed.emitWithAck.bind(timed) as unknown as EmitWithAck;
      try {
        return (await emitWithAck(event, payload)) as Result<OperatorResult<typeof event>>;
      } catch {
        return { ok: false, error: { code: 'timeout', message: t.timeoutError } };
      }
    },
    sendTyping(payload) {
      if (socket.connected) socket.volatile.emit('typing:update', payload);
    },
    on(event, handler) {
      // Same typing limit as above for a generic event name.
      const target = socket as unknown as { on(e: string, h: unknown): void; off(e: string, h: unknown): void };
      target.on(event, handler);
      return () => target.off(event, handler);
    },
    onStatus(handler) {
      statusHandlers.add(handler);
      return () => statusHandlers.delete(handler);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      statusHandlers.clear();
      socket.disconnect();
    },
  };
}
