import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { fail, protocolError, type ProtocolError, type Result } from '../../shared/index.ts';
import { payloadError, toProtocolError } from '../errors.ts';

interface EventSpec {
  payload: z.ZodType;
  result: z.ZodType | null;
}

type Handler<S extends EventSpec> = (
  payload: z.infer<S['payload']>,
) => Promise<S['result'] extends z.ZodType ? Result<z.infer<S['result']>> : void>;

export type Handlers<T extends Record<string, EventSpec>> = { [K in keyof T]: Handler<T[K]> };

type AckFn = (result: Result<unknown>) => void;

/**
 * Wires a socket to one handler per event of an event table. Every inbound payload is validated with the
 * event's schema before its handler runs; a bad payload, an unknown event or a thrown exception is answered
 * with an error ack (when the client asked for one) and never reaches the process as a crash. Events are
 * handled one after another per socket, so a client's messages are stored in the order it sent them.
 */
export function bindHandlers<T extends Record<string, EventSpec>>(
  socket: Socket,
  table: T,
  handlers: Handlers<T>,
  log: FastifyBaseLogger,
): void {
  let queue: Promise<void> = Promise.resolve();

  const answer = (ack: AckFn | undefined, result: Result<unknown>) => {
    if (ack) ack(result);
  };

  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as AckFn) : undefined;
    const name = typeof event === 'string' ? event : '';
    if (!Object.hasOwn(table, name)) {
      answer(ack, fail(protocolError('unknown_event', `The event "${name.slice(0, 64)}" is not known to the server.`)));
      return;
    }
    const spec = table[name]!;
    const handler = handlers[name as keyof T] as unknown as (payload: unknown) => Promise<Result<unknown> | void>;
    const parsed = spec.payload.safeParse(args[0]);
    if (!parsed.success) {
      answer(ack, fail(payloadError(parsed.error)));
      return;
    }
    queue = queue.then(async () => {
      try {
        const result = await handler(parsed.data);
        if (spec.result && result) answer(ack, result);
      } catch (err) {
        const error: ProtocolError = toProtocolError(err);
        if (error.code === 'internal') log.error({ err, event: name }, 'socket handler failed');
        answer(ack, fail(error));
      }
    });
  });
}
