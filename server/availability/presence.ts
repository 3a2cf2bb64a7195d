import type { PresenceStatus } from '../../shared/index.ts';

export interface PresenceOptions {
  /** How long an operator with no console open still counts as there: a reload must not flicker the widget. */
  graceMs: number;
  /** Without activity for this long, an online operator is set away. */
  idleMs: number;
  /** Called once per actual change of an operator's status. */
  onChange: (operatorId: string, status: PresenceStatus, siteIds: readonly string[], awayReason: AwayReason) => void;
}

export type AwayReason = 'chosen' | 'idle' | null;

interface OperatorState {
  sockets: Set<string>;
  siteIds: string[];
  status: PresenceStatus;
  /** Why an away operator is away: their own choice is kept; idleness ends with their next activity. */
  awayBecause: AwayReason;
  graceTimer: ReturnType<typeof setTimeout> | undefined;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface Presence {
  /** A console socket opened; the operator is online (or back from a reload within the grace period). */
  connect(operatorId: string, socketId: string, siteIds: string[]): void;
  /** A console socket closed; the last one starts the grace period before "offline". */
  disconnect(operatorId: string, socketId: string): void;
  /** The operator chose a status; `online` also counts as activity. */
  choose(operatorId: string, status: 'online' | 'away'): PresenceStatus;
  /** Anything the operator did (sent, read, typed): keeps them from going idle, and ends an idle away. */
  activity(operatorId: string): void;
  statusOf(operatorId: string): PresenceStatus;
  awayReasonOf(operatorId: string): AwayReason;
  /** Operators of the site who are online and not away. */
  onlineCount(siteId: string): number;
  close(): void;
}

/**
 * Who of the operators is there, in memory (one process; several nodes share it through the Socket.IO
 * adapter in a later step). Online while a console is connected, away on request or after `idleMs` without
 * activity, offline `graceMs` after the last console closed.
 */
export function createPresence(options: PresenceOptions): Presence {
  const operators = new Map<string, OperatorState>();

  const set = (id: string, state: OperatorState, status: PresenceStatus, awayBecause: AwayReason) => {
    const isSame = state.status === status && state.awayBecause === awayBecause;
    state.awayBecause = awayBecause;
    state.status = status;
    if (!isSame) options.onChange(id, status, state.siteIds, awayBecause);
  };

  const armIdle = (id: string, state: OperatorState) => {
    clearTimeout(state.idleTimer);
    if (state.status !== 'online') return;
    state.idleTimer = setTimeout(() => set(id, state, 'away', 'idle'), options.idleMs);
    state.idleTimer.unref?.();
  };

  return {
    connect(operatorId, socketId, siteIds) {
      let state = operators.get(operatorId);
      if (!state) {
        state = { sockets: new Set(), siteIds, status: 'offline', awayBecause: null, graceTimer: undefined, idleTimer: undefined };
        operators.set(operatorId, state);
      }
      state.siteIds = siteIds;
      state.sockets.add(socketId);
      clearTimeout(state.graceTimer);
      state.graceTimer = undefined;
      if (state.status === 'offline') set(operatorId, state, 'online', null);
      else if (state.awayBecause === 'idle') set(operatorId, state, 'online', null);
      armIdle(operatorId, state);
    },

    disconnect(operatorId, socketId) {
      const state = operators.get(operatorId);
      if (!state || !state.sockets.delete(socketId) || state.sockets.size > 0) return;
      clearTimeout(state.graceTimer);
      state.graceTimer = setTimeout(() => {
        clearTimeout(state.idleTimer);
        set(operatorId, state, 'offline', null);
        operators.delete(operatorId);
      }, options.graceMs);
      state.graceTimer.unref?.();
    },

    choose(operatorId, status) {
      const state = operators.get(operatorId);
      if (!state || state.sockets.size === 0) return 'offline';
      set(operatorId, state, status, status === 'away' ? 'chosen' : null);
      armIdle(operatorId, state);
      return state.status;
    },

    activity(operatorId) {
      const state = operators.get(operatorId);
      if (!state || state.sockets.size === 0) return;
      if (state.awayBecause === 'idle') set(operatorId, state, 'online', null);
      armIdle(operatorId, state);
    },

    statusOf(operatorId) {
      return operators.get(operatorId)?.status ?? 'offline';
    },

    awayReasonOf(operatorId) {
      return operators.get(operatorId)?.awayBecause ?? null;
    },

    onlineCount(siteId) {
      let count = 0;
      for (const state of operators.values()) if (state.status === 'online' && state.siteIds.includes(siteId)) count += 1;
      return count;
    },

    close() {
      for (const state of operators.values()) {
        clearTimeout(state.graceTimer);
        clearTimeout(state.idleTimer);
      }
      operators.clear();
    },
  };
}
