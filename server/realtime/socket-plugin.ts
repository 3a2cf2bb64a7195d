import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { NAMESPACES } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { createConversationUpdates } from './conversation-updates.ts';
import { handleOperatorNamespace, type OperatorNamespace } from './operator-namespace.ts';
import { handleVisitorNamespace, type VisitorNamespace } from './visitor-namespace.ts';

declare module 'fastify' {
  interface FastifyInstance {
    io: Server;
    visitors: VisitorNamespace;
    operators: OperatorNamespace;
  }
}

/**
 * Attaches Socket.IO to Fastify's HTTP server and closes it with Fastify. Written here rather than taken
 * from the community plugin, which is unmaintained; it is this small.
 */
export async function socketPlugin(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const io = new Server(app.server, {
    // The widget runs on the customers' sites, so its sockets come from any origin; the operator namespace
    // checks the origin itself. No credentials cross origins: visitors authenticate with their token.
    cors: { origin: true, credentials: false },
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    serveClient: false,
  });
  const visitors = io.of(NAMESPACES.visitor) as unknown as VisitorNamespace;
  const operators = io.of(NAMESPACES.operator) as unknown as OperatorNamespace;
  const updates = createConversationUpdates({ store: ctx.store, operators, visitors, log: ctx.log });
  handleVisitorNamespace(visitors, operators, ctx, updates);
  handleOperatorNamespace(operators, visitors, ctx, updates);

  app.decorate('io', io);
  app.decorate('visitors', visitors);
  app.decorate('operators', operators);

  // Upgraded WebSocket connections would keep the HTTP server from closing, so they are closed first.
  app.addHook('preClose', async () => {
    io.engine.close();
    await new Promise<void>((resolve) => setImmediate(resolve));
  });
  app.addHook('onClose', async () => {
    // Close the namespaces' adapters and the engine without closing the HTTP server, which Fastify owns.
    await Promise.allSettled([visitors.adapter.close(), operators.adapter.close()]);
  });
}
