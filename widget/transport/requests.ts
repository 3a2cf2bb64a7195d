import type { Socket } from 'socket.io-client';
// `import type` only: events.ts pulls in full zod, which must never reach the visitor's bundle.
import type {
  FormSubmitResult,
  IdentifyResult,
  VisitorIdentity,
  SendResult,
  VisitorClientEvents,
  VisitorServerEvents,
  VisitorSyncResult,
} from '../../shared/protocol/events.ts';
// result.ts is zod-free; imported directly rather than through the protocol index, which is not.
import type { Result } from '../../shared/protocol/result.ts';
import type { RatingValue, VisitorConversation } from '../../shared/protocol/schemas.ts';
import type { FormFields, OutboxEntry } from '../state/index.ts';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

/** The acknowledged requests a visitor makes. Each rejects on timeout or when the connection drops. */
export interface VisitorRequests {
  sync(afterSeq: number): Promise<Result<VisitorSyncResult>>;
  send(entry: { clientId: string; body: string }): Promise<Result<SendResult>>;
  /** The message form: stored in the visitor's one thread, answered with the team's acknowledgement. */
  submitForm(entry: OutboxEntry & { form: FormFields }): Promise<Result<FormSubmitResult>>;
  seen(upToSeq: number): Promise<Result<{ upToSeq: number }>>;
  /** The quick rating after a resolve; refused with `not_resolved` once the conversation is open again. */
  rate(request: { rating: RatingValue; comment?: string }): Promise<Result<{ conversation: VisitorConversation }>>;
  /** The host page says who the visitor is (docs/identity.md); a non-null token means another visitor now. */
  identify(identity: VisitorIdentity): Promise<Result<IdentifyResult>>;
}

export const ACK_TIMEOUT_MS = 10_000;

export function createSocketRequests(socket: VisitorSocket): VisitorRequests {
  /**
   * Emits only while connected and gives up as soon as the connection drops, instead of letting socket.io
   * buffer the packet for the next connection: after a reconnect the session syncs first and then resends
   * from the outbox, in order.
   */
  const ask = <T>(emit: (ack: (err: Error | null, result: T) => void) => void): Promise<T> =>
    new Promise((resolve, reject) => {
      if (!socket.connected) {
        reject(new Error('offline'));
        return;
      }
      const onDisconnect = () => reject(new Error('disconnected'));
      socket.once('disconnect', onDisconnect);
      emit((err, result) => {
        socket.off('disconnect', onDisconnect);
        if (err) reject(err);
        else resolve(result);
      });
    });

  const timed = () => socket.timeout(ACK_TIMEOUT_MS);
  return {
    sync: (afterSeq) => ask((ack) => timed().emit('conversation:sync', { afterSeq }, ack)),
    send: ({ clientId, body }) => ask((ack) => timed().emit('message:send', { clientId, body }, ack)),
    submitForm: ({ clientId, body, form }) =>
      ask((ack) => timed().emit('form:submit', { clientId, body, ...form }, ack)),
    seen: (upToSeq) => ask((ack) => timed().emit('message:seen', { upToSeq }, ack)),
    rate: (request) => ask((ack) => timed().emit('conversation:rate', request, ack)),
    identify: (identity) => ask((ack) => timed().emit('visitor:identify', identity, ack)),
  };
}
