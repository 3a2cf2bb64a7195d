import { describe, expect, it } from 'vitest';
import type { OperatorPresence, OperatorServerEvents } from '../../shared/index.ts';
import type { AckedEvent, ClientResult, OperatorSocket, SocketStatus } from '../transport/index.ts';
import { ACTIVITY_REPORT_INTERVAL_MS, createPresence } from './presence.ts';

const me = (status: OperatorPresence['status']): OperatorPresence => ({
  operatorId: 'o1',
  name: 'Jana',
  status,
  awayReason: status === 'away' ? 'chosen' : null,
});

/** A socket whose server keeps one status for the operator; connected or not as the test says. */
function setup() {
  let serverStatus: OperatorPresence['status'] = 'online';
  let isConnected = false;
  let now = 0;
  const requests: Array<{ event: AckedEvent; payload: unknown }> = [];
  const statusHandlers = new Set<(s: SocketStatus) => void>();
  let onChanged: ((p: OperatorPresence) => void) | null = null;
  const socket: OperatorSocket = {
    request: (async (event: AckedEvent, payload: { status?: 'online' | 'away' }): Promise<ClientResult<unknown>> => {
      requests.push({ event, payload });
      if (!isConnected) return { ok: false, error: { code: 'offline', message: 'You are offline.' } };
      if (event === 'presence:update') {
        serverStatus = payload.status ?? serverStatus;
        return { ok: true, data: me(serverStatus) };
      }
      return { ok: true, data: { operators: [me(serverStatus)] } };
    }) as OperatorSocket['request'],
    sendTyping: () => {},
    on: ((event: keyof OperatorServerEvents, handler: (p: OperatorPresence) => void) => {
      if (event === 'presence:changed') onChanged = handler;
      return () => {};
    }) as OperatorSocket['on'],
    onStatus: (handler) => {
      statusHandlers.add(handler);
      return () => statusHandlers.delete(handler);
    },
    close: () => {},
  };
  const presence = createPresence({ socket, operatorId: 'o1', now: () => now });
  const setStatus = (status: SocketStatus) => {
    isConnected = status.kind === 'connected';
    statusHandlers.forEach((handler) => handler(status));
  };
  return {
    presence,
    requests,
    setStatus,
    /** The server changes the status by itself: an away it sets is auto-away after inactivity. */
    serverSets: (status: OperatorPresence['status']) => {
      serverStatus = status;
      if (isConnected) onChanged?.({ ...me(status), awayReason: status === 'away' ? 'idle' : null });
    },
    advance: (ms: number) => (now += ms),
    updates: () => requests.filter((r) => r.event === 'presence:update').map((r) => (r.payload as { status: string }).status),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createPresence', () => {
  it('loads the team on connect and shows the server’s status', async () => {
    const { presence, setStatus } = setup();
    setStatus({ kind: 'connected' });
    await flush();
    expect(presence.state.value).toMatchObject({ status: 'online', operators: [me('online')] });
  });

  it('sends "away" again after a reconnect when the operator had chosen away', async () => {
    const { presence, setStatus, serverSets, updates } = setup();
    setStatus({ kind: 'connected' });
    await flush();
    presence.setStatus('away');
    await flush();
    setStatus({ kind: 'disconnected' });
    serverSets('online'); // the grace period passed: the reconnecting console makes the operator online
    setStatus({ kind: 'connected' });
    await flush();
    expect(updates()).toEqual(['away', 'away']);
    expect(presence.state.value).toMatchObject({ status: 'away', isIdleAway: false });
  });

  it('keeps a choice made while offline and sends it on reconnect', async () => {
    const { presence, setStatus, updates } = setup();
    presence.setStatus('away');
    await flush();
    setStatus({ kind: 'connected' });
    await flush();
    expect(updates()).toEqual(['away', 'away']);
    expect(presence.state.value.status).toBe('away');
  });

  it('reports activity at most once a minute, only while online', async () => {
    const { presence, setStatus, serverSets, advance, updates } = setup();
    setStatus({ kind: 'connected' });
    await flush();
    presence.noteActivity(); // connecting just counted as activity
    advance(ACTIVITY_REPORT_INTERVAL_MS);
    presence.noteActivity();
    presence.noteActivity();
    expect(updates()).toEqual(['online']);
    serverSets('away');
    expect(presence.state.value.isIdleAway).toBe(true);
    advance(ACTIVITY_REPORT_INTERVAL_MS);
    presence.noteActivity(); // auto-away is undone by the operator's click, not by a mouse move
    expect(updates()).toEqual(['online']);
    presence.setStatus('online');
    await flush();
    expect(presence.state.value).toMatchObject({ status: 'online', isIdleAway: false });
  });

  it('reports no activity while disconnected', async () => {
    const { presence, setStatus, updates } = setup();
    setStatus({ kind: 'connected' });
    await flush();
    setStatus({ kind: 'disconnected' });
    presence.noteActivity();
    expect(updates()).toEqual([]);
  });
});
