import type { FastifyInstance } from 'fastify';
import type { PresenceStatus } from '../../shared/index.ts';
import { rooms } from '../realtime/rooms.ts';
import type { Store } from '../storage/index.ts';
import type { AwayReason } from './presence.ts';

/** Tells the consoles of an operator's sites that the operator's status changed. */
export async function announcePresence(
  app: FastifyInstance,
  store: Store,
  operatorId: string,
  status: PresenceStatus,
  siteIds: readonly string[],
  awayReason: AwayReason,
): Promise<void> {
  const operator = await store.getOperatorById(operatorId);
  if (!operator || siteIds.length === 0) return;
  app.operators.to(siteIds.map(rooms.site)).emit('presence:changed', { operatorId, name: operator.name, status, awayReason });
}
