import { signal, type ReadonlySignal } from '@preact/signals';
import type { OperatorSocket } from '../transport/index.ts';
import { createActivityThrottle } from './activity-throttle.ts';
import {
  initialPresence,
  isActivityReported,
  reducePresence,
  type ChosenStatus,
  type PresenceAction,
  type PresenceState,
} from './presence-state.ts';

/** How often activity is reported at most; the server's idle time before auto-away is several minutes. */
export const ACTIVITY_REPORT_INTERVAL_MS = 60_000;

export interface PresenceDeps {
  socket: OperatorSocket;
  operatorId: string;
  now(): number;
}

export interface Presence {
  state: ReadonlySignal<PresenceState>;
  /** The operator chose a status; kept and sent again after a reconnect. */
  setStatus(status: ChosenStatus): void;
  /** A sign of activity in the console; reported at most once a minute while online. */
  noteActivity(): void;
  dispose(): void;
}

/**
 * The operator's own status and the team's, fed by the operator socket. On every (re)connect it restores
 * the operator's choice (the server makes a connecting console online) and reloads the team list.
 */
export function createPresence(deps: PresenceDeps): Presence {
  const { socket } = deps;
  const state = signal<PresenceState>(initialPresence(deps.operatorId));
  const dispatch = (action: PresenceAction) => {
    state.value = reducePresence(state.value, action);
  };
  let isConnected = false;

  async function request(status: ChosenStatus): Promise<void> {
    dispatch({ type: 'requested', status });
    const result = await socket.request('presence:update', { status });
    // A newer choice was made while this one was on its way: its own answer decides.
    if (state.value.requested !== status) return;
    if (result.ok) dispatch({ type: 'answered', presence: result.data });
    else dispatch({ type: 'failed', message: result.error.message, keepChoice: result.error.code === 'offline' });
  }

  async function loadList(): Promise<void> {
    const result = await socket.request('presence:list', {});
    if (result.ok) dispatch({ type: 'listed', operators: result.data.operators });
    else if (result.error.code !== 'offline') dispatch({ type: 'listFailed', message: result.error.message });
  }

  const activity = createActivityThrottle({
    intervalMs: ACTIVITY_REPORT_INTERVAL_MS,
    now: deps.now,
    // Only "still here": the answer changes nothing we do not also hear as `presence:changed`.
    report: () => void socket.request('presence:update', { status: 'online' }),
  });

  const unsubscribe = [
    socket.onStatus((status) => {
      if (status.kind === 'connected') {
        isConnected = true;
        activity.markReported();
        void (async () => {
          if (state.value.chosen === 'away') await request('away');
          await loadList();
        })();
      } else if (status.kind === 'disconnected') {
        isConnected = false;
        dispatch({ type: 'disconnected' });
      }
    }),
    socket.on('presence:changed', (presence) => dispatch({ type: 'changed', presence })),
  ];

  return {
    state,
    setStatus(status) {
      void request(status);
    },
    noteActivity() {
      if (isConnected && isActivityReported(state.value)) activity.noteActivity();
    },
    dispose() {
      unsubscribe.forEach((off) => off());
    },
  };
}
