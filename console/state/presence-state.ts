import type { OperatorPresence, PresenceStatus } from '../../shared/index.ts';

/** The statuses an operator can choose; `offline` only follows from closing the console. */
export type ChosenStatus = 'online' | 'away';

/**
 * What the console knows about presence: the whole team's statuses (from `presence:list` and
 * `presence:changed`), and for the signed-in operator what they chose versus what the server says.
 */
export interface PresenceState {
  selfId: string;
  /**
   * What the operator chose, restored after a reconnect; null until the first answer after a page load
   * (a reload within the grace period keeps the server's status, which is then taken as the choice).
   */
  chosen: ChosenStatus | null;
  /** The server's last word on this operator; null until it has spoken, and while disconnected. */
  status: PresenceStatus | null;
  /** The server set this operator away without them asking: auto-away after inactivity. */
  isIdleAway: boolean;
  /** A status the operator asked for that the server has not confirmed yet. */
  requested: ChosenStatus | null;
  /** Why the last request failed, shown until the next one. */
  error: string | null;
  /** Why the team could not be listed, shown until it can. */
  listError: string | null;
  /** Every operator of the operator's sites, this one included. */
  operators: readonly OperatorPresence[];
}

export type PresenceAction =
  | { type: 'listed'; operators: readonly OperatorPresence[] }
  | { type: 'listFailed'; message: string }
  | { type: 'changed'; presence: OperatorPresence }
  | { type: 'requested'; status: ChosenStatus }
  | { type: 'answered'; presence: OperatorPresence }
  /** `keepChoice`: the request could not be sent (offline); the choice stands and is sent on reconnect. */
  | { type: 'failed'; message: string; keepChoice: boolean }
  | { type: 'disconnected' };

export function initialPresence(selfId: string): PresenceState {
  return { selfId, chosen: null, status: null, isIdleAway: false, requested: null, error: null, listError: null, operators: [] };
}

const STATUS_ORDER: Record<PresenceStatus, number> = { online: 0, away: 1, offline: 2 };

/** Online first, then away, then offline; by name within each. */
function byStatusThenName(a: OperatorPresence, b: OperatorPresence): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name);
}

function upsert(list: readonly OperatorPresence[], presence: OperatorPresence): OperatorPresence[] {
  return [...list.filter((p) => p.operatorId !== presence.operatorId), presence].sort(byStatusThenName);
}

/** Applies the server's word on this operator's own status, from a list, a broadcast or an answer. */
function applySelf(state: PresenceState, presence: Pick<OperatorPresence, 'status' | 'awayReason'>): PresenceState {
  const { status } = presence;
  if (status === 'online') {
    // Also when another tab of the same operator went back online: one person, one choice.
    return { ...state, status, chosen: 'online', isIdleAway: false };
  }
  if (status === 'away') {
    // Set by the server after inactivity: the operator's choice is still "online", one click away.
    if (presence.awayReason === 'idle') return { ...state, status, isIdleAway: true };
    // Chosen, here or in another tab of the same operator: one person, one choice.
    return { ...state, status, chosen: 'away', isIdleAway: false };
  }
  return { ...state, status, isIdleAway: false };
}

/** The presence reducer: pure, so every transition is tested without a socket. */
export function reducePresence(state: PresenceState, action: PresenceAction): PresenceState {
  switch (action.type) {
    case 'listed': {
      const next = { ...state, operators: [...action.operators].sort(byStatusThenName), listError: null };
      const self = action.operators.find((p) => p.operatorId === state.selfId);
      return self ? applySelf(next, self) : next;
    }
    case 'listFailed':
      return { ...state, listError: action.message };
    case 'changed': {
      const next = { ...state, operators: upsert(state.operators, action.presence) };
      if (action.presence.operatorId !== state.selfId) return next;
      // While our own request is on its way, its answer decides; an echo of an older status must not undo it.
      if (state.requested !== null && action.presence.status !== state.requested) return next;
      return applySelf(next, action.presence);
    }
    case 'requested':
      return { ...state, requested: action.status, error: null };
    case 'answered': {
      const next = applySelf({ ...state, chosen: state.requested ?? state.chosen, requested: null }, action.presence);
      return { ...next, operators: upsert(state.operators, action.presence) };
    }
    case 'failed':
      // Not sent (offline): the choice stands and is sent on reconnect. Refused: the switch shows what it showed.
      if (action.keepChoice) return { ...state, chosen: state.requested ?? state.chosen, requested: null };
      return { ...state, requested: null, error: action.message };
    case 'disconnected':
      // A request cut off by the disconnect stands as the choice, sent again on reconnect. The server's word
      // is stale until the reconnect's list; meanwhile the switch shows the choice.
      return { ...state, chosen: state.requested ?? state.chosen, requested: null, status: null };
  }
}

/** The status the switch shows: the pending request, else the server's word, else the choice. */
export function displayedStatus(state: PresenceState): ChosenStatus {
  if (state.requested) return state.requested;
  if (state.status === 'online' || state.status === 'away') return state.status;
  return state.chosen ?? 'online';
}

/** Whether activity should be reported to the server (only while online: auto-away is undone by a click). */
export function isActivityReported(state: PresenceState): boolean {
  return state.status === 'online' && state.requested === null;
}
