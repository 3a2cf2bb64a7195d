/** Someone typing in a conversation; it lapses at `expiresAt` unless refreshed. */
export interface Typist {
  /** 'visitor' or the operator's id, so several people can type in one conversation. */
  key: string;
  by: 'visitor' | 'operator';
  name: string;
  expiresAt: number;
}

export type TypingByConversation = Readonly<Record<string, readonly Typist[]>>;

export interface TypingEvent {
  conversationId: string;
  by: 'visitor' | 'operator';
  operatorId: string | null;
  name: string;
  isTyping: boolean;
}

/** Records a `typing:updated` event. The signed-in operator's own typing (from another tab) is ignored. */
export function applyTyping(
  state: TypingByConversation,
  event: TypingEvent,
  now: number,
  timeoutMs: number,
  selfOperatorId: string,
): TypingByConversation {
  if (event.by === 'operator' && event.operatorId === selfOperatorId) return state;
  const key = event.by === 'visitor' ? 'visitor' : `operator:${event.operatorId ?? event.name}`;
  const others = (state[event.conversationId] ?? []).filter((t) => t.key !== key);
  const typists = event.isTyping
    ? [...others, { key, by: event.by, name: event.name, expiresAt: now + timeoutMs }]
    : others;
  return { ...state, [event.conversationId]: typists };
}

/** Stops showing a typist, e.g. the visitor once their message has arrived. */
export function clearTypist(state: TypingByConversation, conversationId: string, key: string): TypingByConversation {
  const typists = state[conversationId];
  if (!typists?.some((t) => t.key === key)) return state;
  return { ...state, [conversationId]: typists.filter((t) => t.key !== key) };
}

/** Drops lapsed typists; returns the same object when none lapsed. */
export function pruneTyping(state: TypingByConversation, now: number): TypingByConversation {
  let changed = false;
  const next: Record<string, readonly Typist[]> = {};
  for (const [id, typists] of Object.entries(state)) {
    const live = typists.filter((t) => t.expiresAt > now);
    if (live.length !== typists.length) changed = true;
    if (live.length > 0) next[id] = live;
    else if (typists.length > 0) changed = true;
  }
  return changed ? next : state;
}

/** The earliest time a typist lapses, to schedule the next prune. */
export function nextExpiry(state: TypingByConversation): number | null {
  let earliest: number | null = null;
  for (const typists of Object.values(state)) {
    for (const t of typists) if (earliest === null || t.expiresAt < earliest) earliest = t.expiresAt;
  }
  return earliest;
}
