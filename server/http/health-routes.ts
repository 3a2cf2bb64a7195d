import type { FastifyInstance } from 'fastify';
import type { Health } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';

/** `GET /healthz`: 200 when the database answers, 503 with a reason when it does not. */
export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/healthz', { config: { rateLimit: false } }, async (_request, reply) => {
    const storage = ctx.store.dialect;
    try {
      await ctx.store.ping();
      const body: Health = { status: 'ok', storage };
      return reply.code(200).send(body);
    } catch (err) {
      ctx.log.warn({ err }, 'health check: database unreachable');
      const body: Health = { status: 'unavailable', storage, reason: 'The database does not answer.' };
      return reply.code(503).send(body);
    }
  });
}
