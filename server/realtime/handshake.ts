import type { Socket } from 'socket.io';
import { protocolError, PROTOCOL_VERSION, type ErrorCode, type ProtocolError } from '../../shared/index.ts';

/** An Error socket.io passes to the client as `connect_error`, with `{ code, message }` in `err.data`. */
export function handshakeError(code: ErrorCode, message?: string): Error & { data: ProtocolError } {
  const error = protocolError(code, message);
  return Object.assign(new Error(error.message), { data: error });
}

/**
 * Checked before anything else in a handshake, so an old cached client always learns to reload, whatever
 * else changed in its payload.
 */
export function checkProtocolVersion(auth: unknown): (Error & { data: ProtocolError }) | undefined {
  const v = typeof auth === 'object' && auth !== null ? (auth as { v?: unknown }).v : undefined;
  if (v === PROTOCOL_VERSION) return undefined;
  return handshakeError(
    'protocol_mismatch',
    `This chat was updated (protocol ${PROTOCOL_VERSION}, this page has ${typeof v === 'number' ? v : 'none'}). Please reload the page to continue.`,
  );
}

/** The client's address, honouring X-Forwarded-For only when the server is told it sits behind a proxy. */
export function clientAddress(socket: Socket, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = socket.handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return socket.handshake.address;
}
