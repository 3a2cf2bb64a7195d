import { batch, computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type {
  ConversationDetailsResult,
  ConversationEvent,
  ConversationEventResult,
  ConversationSummary,
  Message,
  SearchHit,
} from '../../shared/index.ts';
import { LIMITS } from '../protocol.ts';
import { t } from '../i18n/index.ts';
import type { ClientResult, OperatorSocket } from '../transport/index.ts';
import { applyOwnMessage, applySeen, totalUnread, upsertConversation } from './conversation-list.ts';
import { createOutbox, outboxKey, settle, type PendingMessage, type StoredReply } from './outbox.ts';
import { createOutboxFlusher } from './outbox-flusher.ts';
import { contiguousSeq, hasUnseenVisitorMessage, lastSeenOperatorSeq, mergeMessages, threadEntries, type ThreadEntry } from './thread.ts';
import { applyTyping, clearTypist, nextExpiry, pruneTyping, type Typist, type TypingByConversation } from './typing.ts';
import { createTypingThrottle, type TypingThrottle } from './typing-throttle.ts';
import { incomingAlert, type IncomingAlert } from './incoming-alert.ts';
import { addEvents, mergeTimeline, type TimelineEntry } from './timeline.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'outdated';
export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; message: string };

export interface InboxDeps {
  socket: OperatorSocket;
  operatorId: string;
  /** From the URL; the inbox loads and marks as seen whatever is open. */
  openConversationId: ReadonlySignal<string | null>;
  /** Messages are marked as seen only while the tab is visible. */
  isPageVisible: ReadonlySignal<boolean>;
  /** Where pending replies are kept across reloads (localStorage, or memory when it is unavailable). */
  storage: Storage;
  newClientId(): string;
  now(): number;
  /** The server no longer accepts the session. */
  onUnauthorized(): void;
  /** A visitor wrote while the tab is hidden, in a conversation that is this operator's or nobody's. */
  onIncoming?(alert: IncomingAlert): void;
}

/** The visitor, related conversations and load state of an opened conversation (`conversation:details`). */
export type DetailsState =
  | { status: 'loading' }
  | { status: 'ready'; visitor: ConversationDetailsResult['visitor']; related: ConversationSummary[] }
  | { status: 'error'; message: string };

/** Actions on a conversation: each answers with the new summary and its event, or an error to show. */
export type ActionResult = ClientResult<ConversationEventResult>;

export interface Inbox {
  connection: ReadonlySignal<ConnectionState>;
  conversations: ReadonlySignal<readonly ConversationSummary[]>;
  listState: ReadonlySignal<LoadState>;
  unreadTotal: ReadonlySignal<number>;
  openConversation: ReadonlySignal<ConversationSummary | null>;
  openEntries: ReadonlySignal<readonly ThreadEntry[]>;
  openThreadState: ReadonlySignal<LoadState>;
  /** The seq of the operator message that shows "Seen" (the latest one the visitor has seen). */
  openSeenSeq: ReadonlySignal<number | null>;
  openTypists: ReadonlySignal<readonly Typist[]>;
  drafts: ReadonlySignal<Readonly<Record<string, string>>>;
  /** Replies not sent yet, on their way or refused: what signing out would lose. */
  unsentCount: ReadonlySignal<number>;
  /** The body of the newest reply on its way, per conversation, for the list's preview. */
  sendingPreviews: ReadonlySignal<ReadonlyMap<string, string>>;
  setDraft(conversationId: string, text: string): void;
  /** Queues a message and sends it; false when the body is blank or too long. */
  sendMessage(conversationId: string, body: string): boolean;
  retryMessage(clientId: string): void;
  /** Re-reads the stored outbox after another tab changed it, and sends what is new. */
  refreshOutbox(): void;
  /** Forgets every unsent reply, stored and refused (signing out). */
  clearOutbox(): void;
  reloadConversation(conversationId: string): void;
  /** The open conversation's messages and operators' events (notes, handoffs, …), merged by time. */
  openTimeline: ReadonlySignal<readonly TimelineEntry[]>;
  openDetails: ReadonlySignal<DetailsState>;
  reloadDetails(conversationId: string): void;
  /** An internal note: operators only (`note:add`, never `message:send`). */
  addNote(conversationId: string, body: string): Promise<ActionResult>;
  /** To an operator, or (null) back to the whole team, with an optional internal note. */
  assign(conversationId: string, operatorId: string | null, note?: string): Promise<ActionResult>;
  resolve(conversationId: string, followUpAt: string | null): Promise<ActionResult>;
  reopen(conversationId: string): Promise<ActionResult>;
  /** "We'll update you by <at>", or (null) withdraw it. */
  promiseUpdate(conversationId: string, at: string | null, note?: string): Promise<ActionResult>;
  /** Sets, moves or (null) dismisses the follow-up reminder. */
  setFollowUp(conversationId: string, at: string | null): Promise<ActionResult>;
  search(query: string): Promise<ClientResult<{ hits: SearchHit[] }>>;
  dispose(): void;
}

/**
 * The realtime side of the console: the conversation list, the threads opened so far, the outbox of
 * messages on their way, typing indicators and the connection state, kept in signals and fed by the
 * operator socket. On every (re)connect it reloads the list, resyncs the open conversation from the last
 * contiguous seq it holds and resends the outbox, so nothing is missed or lost while disconnected. The
 * outbox is kept in storage, so replies written before a reload or a crash are delivered after it too.
 */
export function createInbox(deps: InboxDeps): Inbox {
  const { socket, openConversationId } = deps;
  const connection = signal<ConnectionState>('connecting');
  const conversations = signal<readonly ConversationSummary[]>([]);
  const listState = signal<LoadState>({ status: 'loading' });
  /** Threads by conversation id; a key exists once the conversation was opened (and is then kept current). */
  const threads = signal<Readonly<Record<string, readonly Message[]>>>({});
  const threadStates = signal<Readonly<Record<string, LoadState>>>({});
  const storedOutbox = createOutbox(deps.storage, outboxKey(deps.operatorId));
  /** Replies the server refused for good: out of storage, shown with the reason until the operator retries. */
  const refused = signal<readonly PendingMessage[]>([]);
  const outbox = computed<readonly PendingMessage[]>(() => {
    const sending = storedOutbox.entries.value.map((entry): PendingMessage => ({ ...entry, status: 'sending', error: null }));
    const ids = new Set(sending.map((p) => p.clientId));
    return [...sending, ...refused.value.filter((p) => !ids.has(p.clientId))];
  });
  let isDisposed = false;
  const typing = signal<TypingByConversation>({});
  const drafts = signal<Readonly<Record<string, string>>>({});
  /** Operators' events by conversation, once one was opened (kept current by `conversation:updated`). */
  const events = signal<Readonly<Record<string, readonly ConversationEvent[]>>>({});
  const details = signal<Readonly<Record<string, DetailsState>>>({});
  /** Conversations whose summary came by event while the list was loading: those may be newer than the list. */
  let touchedWhileListing: Set<string> | null = null;

  function applySummary(summary: ConversationSummary): void {
    touchedWhileListing?.add(summary.id);
    conversations.value = upsertConversation(conversations.value, summary);
  }

  function applyEvent(result: ConversationEventResult): void {
    batch(() => {
      applySummary(result.conversation);
      const id = result.event.conversationId;
      const current = events.value[id];
      if (current) {
        const next = addEvents(current, [result.event]);
        if (next !== current) events.value = { ...events.value, [id]: next };
      }
    });
  }

  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (callback: () => void, ms: number) => {
    const handle = setTimeout(() => {
      timers.delete(handle);
      callback();
    }, ms);
    timers.add(handle);
    return handle;
  };
  const cancel = (handle: unknown) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
    timers.delete(handle as ReturnType<typeof setTimeout>);
  };

  function storeMessages(conversationId: string, messages: readonly Message[]): void {
    batch(() => {
      const current = threads.value[conversationId];
      if (current) {
        const merged = mergeMessages(current, messages);
        if (merged !== current) threads.value = { ...threads.value, [conversationId]: merged };
      }
      // Reconciles by clientId: whichever tab sent it, a stored message ends the wait for its reply.
      const waiting = new Set(storedOutbox.entries.peek().map((e) => e.clientId));
      for (const message of messages) if (waiting.has(message.clientId)) storedOutbox.remove(message.clientId);
      refused.value = settle(refused.value, messages);
    });
  }

  function setThreadState(conversationId: string, state: LoadState): void {
    threadStates.value = { ...threadStates.value, [conversationId]: state };
  }

  // ---- Loading ----------------------------------------------------------------------------------------

  async function loadList(): Promise<void> {
    const touched = new Set<string>();
    touchedWhileListing = touched;
    const result = await socket.request('conversation:list', {});
    if (touchedWhileListing === touched) touchedWhileListing = null;
    if (!result.ok) {
      if (result.error.code !== 'offline') listState.value = { status: 'error', message: result.error.message };
      return;
    }
    // Summaries that arrived by event while the list was on its way may be newer; upsert keeps the newer.
    // Only those: a summary held from before a disconnect may predate a change (a handoff) that the list has.
    let next: ConversationSummary[] = [...result.data.conversations];
    for (const summary of conversations.value) if (touched.has(summary.id)) next = upsertConversation(next, summary);
    batch(() => {
      conversations.value = next;
      listState.value = { status: 'ready' };
    });
  }

  const syncing = new Set<string>();
  const syncAgain = new Set<string>();

  async function syncConversation(conversationId: string): Promise<void> {
    if (syncing.has(conversationId)) {
      syncAgain.add(conversationId);
      return;
    }
    syncing.add(conversationId);
    try {
      for (;;) {
        const afterSeq = contiguousSeq(threads.value[conversationId] ?? []);
        const result = await socket.request('conversation:sync', { conversationId, afterSeq });
        if (!result.ok) {
          // Offline: the next connect syncs again. Anything else is shown with a way to retry.
          if (result.error.code !== 'offline') setThreadState(conversationId, { status: 'error', message: result.error.message });
          return;
        }
        batch(() => {
          applySummary(result.data.conversation);
          storeMessages(conversationId, result.data.messages);
        });
        const advanced = contiguousSeq(threads.value[conversationId] ?? []) > afterSeq;
        if (!result.data.hasMore || !advanced) break;
      }
      setThreadState(conversationId, { status: 'ready' });
    } finally {
      syncing.delete(conversationId);
      if (syncAgain.delete(conversationId)) void syncConversation(conversationId);
    }
  }

  async function loadDetails(conversationId: string): Promise<void> {
    const result = await socket.request('conversation:details', { conversationId });
    if (!result.ok) {
      if (result.error.code !== 'offline') details.value = { ...details.value, [conversationId]: { status: 'error', message: result.error.message } };
      return;
    }
    const { conversation, visitor, related } = result.data;
    batch(() => {
      applySummary(conversation);
      // Events that came by broadcast while this was on its way are kept: addEvents merges by id.
      events.value = { ...events.value, [conversationId]: addEvents(events.value[conversationId] ?? [], result.data.events) };
      details.value = { ...details.value, [conversationId]: { status: 'ready', visitor, related } };
    });
  }

  async function act<K extends 'note:add' | 'conversation:assign' | 'conversation:resolve' | 'conversation:reopen' | 'conversation:promise' | 'conversation:follow-up'>(
    event: K,
    payload: Parameters<typeof socket.request<K>>[1],
  ): Promise<ActionResult> {
    const result = (await socket.request(event, payload)) as ActionResult;
    if (result.ok) applyEvent(result.data);
    return result;
  }

  // ---- Sending ----------------------------------------------------------------------------------------

  const flusher = createOutboxFlusher({
    outbox: storedOutbox,
    send: ({ conversationId, clientId, body }) => socket.request('message:send', { conversationId, clientId, body }),
    canSend: () => !isDisposed && connection.peek() === 'connected',
    onDelivered(entry, message) {
      batch(() => {
        storeMessages(entry.conversationId, [message]);
        conversations.value = applyOwnMessage(conversations.value, message);
      });
    },
    onRefused(entry, error) {
      refused.value = [...refused.value, { ...entry, status: 'failed', error: error.message }];
    },
    setTimer: later,
    clearTimer: cancel,
  });

  // ---- Seen -------------------------------------------------------------------------------------------

  /** The highest seq we asked the server to mark as seen, per conversation, to ask only once. */
  const seenRequested = new Map<string, number>();

  async function markSeen(conversationId: string, upToSeq: number): Promise<void> {
    seenRequested.set(conversationId, upToSeq);
    const result = await socket.request('message:seen', { conversationId, upToSeq });
    if (result.ok) {
      const event = { conversationId, by: 'operator' as const, upToSeq: result.data.upToSeq };
      conversations.value = applySeen(conversations.value, event, threads.value[conversationId]);
    } else if (seenRequested.get(conversationId) === upToSeq) {
      seenRequested.delete(conversationId);
    }
  }

  // ---- Typing -----------------------------------------------------------------------------------------

  let pruneTimer: ReturnType<typeof setTimeout> | null = null;
  function schedulePrune(): void {
    if (pruneTimer !== null) cancel(pruneTimer);
    pruneTimer = null;
    const expiry = nextExpiry(typing.value);
    if (expiry === null) return;
    pruneTimer = later(() => {
      pruneTimer = null;
      typing.value = pruneTyping(typing.value, deps.now());
      schedulePrune();
    }, Math.max(0, expiry - deps.now()) + 50);
  }

  const typingThrottles = new Map<string, TypingThrottle>();
  function throttleFor(conversationId: string): TypingThrottle {
    let throttle = typingThrottles.get(conversationId);
    if (!throttle) {
      throttle = createTypingThrottle({
        intervalMs: LIMITS.typingIntervalMs,
        now: deps.now,
        send: (isTyping) => socket.sendTyping({ conversationId, isTyping }),
        setTimer: later,
        clearTimer: cancel,
      });
      typingThrottles.set(conversationId, throttle);
    }
    return throttle;
  }

  // ---- Socket events ----------------------------------------------------------------------------------

  const unsubscribe = [
    socket.onStatus((status) => {
      if (status.kind === 'connected') {
        connection.value = 'connected';
        void loadList();
        flusher.wake();
      } else if (status.kind === 'disconnected') {
        if (connection.value === 'connected') connection.value = 'reconnecting';
      } else if (status.code === 'protocol_mismatch') {
        connection.value = 'outdated';
      } else {
        deps.onUnauthorized();
      }
    }),
    socket.on('message:created', ({ message, conversation }) => {
      const isNewConversation = !conversations.peek().some((c) => c.id === conversation.id);
      const isNewMessage = !(threads.peek()[message.conversationId] ?? []).some((m) => m.id === message.id);
      batch(() => {
        applySummary(conversation);
        storeMessages(message.conversationId, [message]);
        // Whoever wrote it has stopped typing (an automatic reply was typed by nobody).
        if (message.author !== 'system') {
          const typist = message.author === 'visitor' ? 'visitor' : `operator:${message.operatorId ?? ''}`;
          typing.value = clearTypist(typing.value, message.conversationId, typist);
        }
      });
      if (isNewMessage && deps.onIncoming) {
        const alert = incomingAlert({
          message,
          conversation,
          operatorId: deps.operatorId,
          isPageVisible: deps.isPageVisible.peek(),
          isNewConversation,
        });
        if (alert) deps.onIncoming(alert);
      }
    }),
    socket.on('conversation:updated', (result) => applyEvent(result)),
    socket.on('conversation:seen', (event) => {
      conversations.value = applySeen(conversations.value, event, threads.value[event.conversationId]);
    }),
    socket.on('typing:updated', (event) => {
      typing.value = applyTyping(typing.value, event, deps.now(), LIMITS.typingTimeoutMs, deps.operatorId);
      schedulePrune();
    }),
  ];

  // ---- Reactions to the open conversation -------------------------------------------------------------

  const disposeOpen = effect(() => {
    const conversationId = openConversationId.value;
    const isConnected = connection.value === 'connected';
    if (!conversationId) return;
    untracked(() => {
      if (!threads.value[conversationId]) threads.value = { ...threads.value, [conversationId]: [] };
      if (threadStates.value[conversationId]?.status !== 'ready') setThreadState(conversationId, { status: 'loading' });
      if (isConnected) void syncConversation(conversationId);
    });
    untracked(() => {
      if (!events.value[conversationId]) events.value = { ...events.value, [conversationId]: [] };
      if (details.value[conversationId]?.status !== 'ready') details.value = { ...details.value, [conversationId]: { status: 'loading' } };
      // Again on every reconnect: the visitor's page, online state and related conversations move on.
      if (isConnected) void loadDetails(conversationId);
    });
    // Leaving the conversation ends our typing indicator there.
    return () => typingThrottles.get(conversationId)?.stop();
  });

  const disposeSeen = effect(() => {
    const conversationId = openConversationId.value;
    if (!conversationId || connection.value !== 'connected' || !deps.isPageVisible.value) return;
    const thread = threads.value[conversationId] ?? [];
    const summary = conversations.value.find((c) => c.id === conversationId);
    const seenSeq = Math.max(summary?.operatorSeenSeq ?? 0, seenRequested.get(conversationId) ?? 0);
    const last = thread[thread.length - 1];
    if (last && hasUnseenVisitorMessage(thread, seenSeq)) untracked(() => void markSeen(conversationId, last.seq));
  });

  const openConversation = computed(() => {
    const id = openConversationId.value;
    return id ? conversations.value.find((c) => c.id === id) ?? null : null;
  });

  const openEntries = computed(() => {
    const id = openConversationId.value;
    return id ? threadEntries(threads.value[id] ?? [], outbox.value, id) : [];
  });

  return {
    connection,
    conversations,
    listState,
    unreadTotal: computed(() => totalUnread(conversations.value)),
    openConversation,
    openEntries,
    openTimeline: computed(() => {
      const id = openConversationId.value;
      return id ? mergeTimeline(openEntries.value, events.value[id] ?? []) : [];
    }),
    openDetails: computed(() => {
      const id = openConversationId.value;
      return (id && details.value[id]) || { status: 'loading' };
    }),
    reloadDetails(conversationId) {
      details.value = { ...details.value, [conversationId]: { status: 'loading' } };
      void loadDetails(conversationId);
    },
    addNote(conversationId, body) {
      if (body.trim().length === 0) return Promise.resolve({ ok: false, error: { code: 'message_empty', message: t.noteEmpty } });
      if (body.length > LIMITS.messageLength) {
        return Promise.resolve({ ok: false, error: { code: 'message_too_long', message: t.noteTooLong } });
      }
      return act('note:add', { conversationId, clientId: deps.newClientId(), body });
    },
    assign: (conversationId, operatorId, note) =>
      act('conversation:assign', { conversationId, operatorId, ...(note && note.trim() ? { note } : {}) }),
    resolve: (conversationId, followUpAt) => act('conversation:resolve', { conversationId, followUpAt }),
    reopen: (conversationId) => act('conversation:reopen', { conversationId }),
    promiseUpdate: (conversationId, at, note) =>
      act('conversation:promise', { conversationId, at, ...(note && note.trim() ? { note: note.trim() } : {}) }),
    setFollowUp: (conversationId, at) => act('conversation:follow-up', { conversationId, at }),
    search: (query) => socket.request('conversation:search', { query }),
    openThreadState: computed(() => {
      const id = openConversationId.value;
      return (id && threadStates.value[id]) || { status: 'loading' };
    }),
    openSeenSeq: computed(() => {
      const id = openConversationId.value;
      const summary = openConversation.value;
      return id && summary ? lastSeenOperatorSeq(threads.value[id] ?? [], summary.visitorSeenSeq) : null;
    }),
    openTypists: computed(() => {
      const id = openConversationId.value;
      return (id && typing.value[id]) || [];
    }),
    drafts,
    unsentCount: computed(() => outbox.value.length),
    sendingPreviews: computed(() => new Map(storedOutbox.entries.value.map((e) => [e.conversationId, e.body]))),
    setDraft(conversationId, text) {
      drafts.value = { ...drafts.value, [conversationId]: text };
      throttleFor(conversationId).update(text.trim().length > 0);
    },
    sendMessage(conversationId, body) {
      if (body.trim().length === 0 || body.length > LIMITS.messageLength) return false;
      const entry: StoredReply = {
        conversationId,
        clientId: deps.newClientId(),
        body,
        createdAt: new Date(deps.now()).toISOString(),
      };
      // Stored before the first attempt: from here on a reload or a crash cannot lose it.
      batch(() => {
        storedOutbox.add(entry);
        drafts.value = { ...drafts.value, [conversationId]: '' };
      });
      throttleFor(conversationId).stop();
      flusher.kick();
      return true;
    },
    retryMessage(clientId) {
      const entry = refused.value.find((p) => p.clientId === clientId);
      if (!entry) return;
      batch(() => {
        storedOutbox.add({ conversationId: entry.conversationId, clientId, body: entry.body, createdAt: entry.createdAt });
        refused.value = refused.value.filter((p) => p.clientId !== clientId);
      });
      flusher.kick();
    },
    refreshOutbox() {
      storedOutbox.refresh();
      flusher.kick();
    },
    clearOutbox() {
      batch(() => {
        storedOutbox.clear();
        refused.value = [];
      });
    },
    reloadConversation(conversationId) {
      setThreadState(conversationId, { status: 'loading' });
      void syncConversation(conversationId);
    },
    dispose() {
      isDisposed = true;
      disposeOpen();
      disposeSeen();
      unsubscribe.forEach((off) => off());
      typingThrottles.forEach((throttle) => throttle.dispose());
      timers.forEach((handle) => clearTimeout(handle));
      timers.clear();
      socket.close();
    },
  };
}
