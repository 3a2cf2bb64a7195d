import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CreateOperatorRequest, Id, ResetPasswordRequest, type TeamMember } from '../../shared/index.ts';
import { hashPassword } from '../auth/password.ts';
import { createPassword } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { payloadError } from '../errors.ts';
import { rooms } from '../realtime/rooms.ts';
import { StoreConflictError, StoreNotFoundError, type OperatorRecord } from '../storage/index.ts';
import { sendError } from './send-error.ts';
import { accessSite } from './site-access.ts';

const OperatorParams = z.object({ operatorId: Id });

/**
 * A site's team, managed by its owners:
 * - `GET /api/v1/sites/:siteId/operators` — the team with roles;
 * - `POST /api/v1/sites/:siteId/operators` — adds an operator: a new account, a removed one restored with
 *   the new name and password, or an existing account added to this site;
 * - `PUT /api/v1/sites/:siteId/operators/:operatorId/password` — a new password; ends their sessions;
 * - `DELETE /api/v1/sites/:siteId/operators/:operatorId` — removes them from the site.
 * Removing someone or resetting their password closes their open console sockets at once.
 */
export async function teamRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock } = ctx;

  /** Every console socket of the operator, whatever session it was opened with, is closed now. */
  const disconnectOperator = (operatorId: string) => app.operators.in(rooms.operator(operatorId)).disconnectSockets(true);

  const toMember = (operator: OperatorRecord, role: TeamMember['role']): TeamMember => ({
    id: operator.id,
    email: operator.email,
    name: operator.name,
    role,
    createdAt: operator.createdAt,
  });

  /** The operator named in the route, when they belong to the site; otherwise the reply has been sent. */
  async function memberOfSite(params: unknown, siteId: string, reply: FastifyReply) {
    const parsed = OperatorParams.safeParse(params);
    const role = parsed.success ? await store.getOperatorRole(parsed.data.operatorId, siteId) : undefined;
    if (!parsed.success || role === undefined) {
      await sendError(reply, 404, { code: 'operator_not_found' });
      return undefined;
    }
    return parsed.data.operatorId;
  }

  app.get('/api/v1/sites/:siteId/operators', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    return reply.send({ operators: await store.listSiteTeam(access.site.id) });
  });

  app.post('/api/v1/sites/:siteId/operators', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const parsed = CreateOperatorRequest.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 400, payloadError(parsed.error));
    const { name, role } = parsed.data;
    const email = parsed.data.email.toLowerCase();
    const siteId = access.site.id;
    const generated = parsed.data.password === undefined ? createPassword() : null;
    const password = parsed.data.password ?? generated!;

    const existing = await store.getOperatorByEmail(email);
    if (existing && existing.removedAt === null) {
      // An active account joins this site as it is (its password and name are its own); one already on the
      // team is not changed here, so this route can never demote the last owner.
      if ((await store.getOperatorRole(existing.id, siteId)) !== undefined) return sendError(reply, 409, { code: 'email_taken' });
      await store.addOperatorToSite({ operatorId: existing.id, siteId, role });
      return reply.code(201).send({ operator: toMember(existing, role), generatedPassword: null });
    }

    let operator: OperatorRecord;
    if (existing) {
      operator = await store.restoreOperator({ operatorId: existing.id, name, passwordHash: await hashPassword(password) });
    } else {
      try {
        operator = await store.createOperator({ email, name, passwordHash: await hashPassword(password), now: clock.now().toISOString() });
      } catch (err) {
        // Two owners adding the same address at once.
        if (err instanceof StoreConflictError) return sendError(reply, 409, { code: 'email_taken' });
        throw err;
      }
    }
    await store.addOperatorToSite({ operatorId: operator.id, siteId, role });
    return reply.code(201).send({ operator: toMember(operator, role), generatedPassword: generated });
  });

  app.put('/api/v1/sites/:siteId/operators/:operatorId/password', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const operatorId = await memberOfSite(request.params, access.site.id, reply);
    if (operatorId === undefined) return reply;
    const parsed = ResetPasswordRequest.safeParse(request.body ?? {});
    if (!parsed.success) return sendError(reply, 400, payloadError(parsed.error));
    // Owning this site is not enough to take over an account that also answers for a site one does not own.
    for (const site of await store.listSitesOfOperator(operatorId)) {
      if ((await store.getOperatorRole(access.operatorId, site.id)) !== 'owner') return sendError(reply, 403, { code: 'forbidden' });
    }
    const generated = parsed.data.password === undefined ? createPassword() : null;
    await store.setOperatorPassword({ operatorId, passwordHash: await hashPassword(parsed.data.password ?? generated!) });
    disconnectOperator(operatorId);
    return reply.send({ generatedPassword: generated });
  });

  app.delete('/api/v1/sites/:siteId/operators/:operatorId', async (request, reply) => {
    const access = await accessSite(ctx, request, 'owner');
    if (!access.ok) return sendError(reply, access.status, { code: access.code });
    const operatorId = await memberOfSite(request.params, access.site.id, reply);
    if (operatorId === undefined) return reply;
    try {
      await store.removeOperatorFromSite({ operatorId, siteId: access.site.id, now: clock.now().toISOString() });
    } catch (err) {
      if (err instanceof StoreConflictError) return sendError(reply, 409, { code: 'last_owner' });
      if (err instanceof StoreNotFoundError) return sendError(reply, 404, { code: 'operator_not_found' });
      throw err;
    }
    // Their consoles lose this site now; one who still has other sites signs in again and sees only those.
    disconnectOperator(operatorId);
    return reply.code(204).send();
  });
}
