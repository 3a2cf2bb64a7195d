import { batch, computed, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import type { ConversationSummary, Message } from '../../shared/index.ts';
import { LIMITS } from '../protocol.ts';
import type { OperatorSocket } from '../transport/index.ts';
import { applyOwnMessage, applySeen, totalUnread, upsertConversation } from './conversation-list.ts';
import { enqueue, settle, updatePending, type PendingMessage } from './outbox.ts';
import { contiguousSeq, hasUnseenVisitorMessage, lastSeenOperatorSeq, mergeMessages, threadEntries, type ThreadEntry } from './thread.ts';
import { applyTyping, clearTypist, nextExpiry, pruneTyping, type Typist, type TypingByConversation } from './typing.ts';
import { createTypingThrottle, type TypingThrottle } from './typing-throttle.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'outdated';
export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; message: string };

export interface InboxDeps {
  socket: OperatorSocket;
  operatorId: string;
  /** From the URL; the inbox loads and marks as seen whatever is open. */
  openConversationId: ReadonlySignal<string | null>;
  /** Messages are marked as seen only while the tab is visible. */
  isPageVisible: ReadonlySignal<boolean>;
  newClientId(): string;
  now(): number;
  /** The server no longer accepts the session. */
  onUnauthorized(): void;
}

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
  setDraft(conversationId: string, text: string): void;
  /** Queues a message and sends it; false when the body is blank or too long. */
  sendMessage(conversationId: string, body: string): boolean;
  retryMessage(clientId: string): void;
  reloadConversation(conversationId: string): void;
  dispose(): void;
}

/** Delay before resending a message whose acknowledgement timed out (same clientId, so never a duplicate). */
const RESEND_AFTER_TIMEOUT_MS = 2_000;

/**
 * The realtime side of the console: the conversation list, the threads opened so far, the outbox of
 * messages on their way, typing indicators and the connection state, kept in signals and fed by the
 * operator socket. On every (re)connect it reloads the list, resyncs the open conversation from the last
 * contiguous seq it holds and resends the outbox, so nothing is missed or lost while disconnected.
 */
export function createInbox(deps: InboxDeps): Inbox {
  const { socket, openConversationId } = deps;
  const connection = signal<ConnectionState>('connecting');
  const conversations = signal<readonly ConversationSummary[]>([]);
  const listState = signal<LoadState>({ status: 'loading' });
  /** Threads by conversation id; a key exists once the conversation was opened (and is then kept current). */
  const threads = signal<Readonly<Record<string, readonly Message[]>>>({});
  const threadStates = signal<Readonly<Record<string, LoadState>>>({});
  const outbox = signal<readonly PendingMessage[]>([]);
  const typing = signal<TypingByConversation>({});
  const drafts = signal<Readonly<Record<string, string>>>({});

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
      outbox.value = settle(outbox.value, messages);
    });
  }

  function setThreadState(conversationId: string, state: LoadState): void {
    threadStates.value = { ...threadStates.value, [conversationId]: state };
  }

  // ---- Loading ----------------------------------------------------------------------------------------

  async function loadList(): Promise<void> {
    const result = await socket.request('conversation:list', {});
    if (!result.ok) {
      if (result.error.code !== 'offline') listState.value = { status: 'error', message: result.error.message };
      return;
    }
    // Summaries that arrived by event while the list was on its way may be newer; upsert keeps the newer.
    let next: ConversationSummary[] = [...result.data.conversations];
    for (const summary of conversations.value) next = upsertConversation(next, summary);
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
          conversations.value = upsertConversation(conversations.value, result.data.conversation);
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

  // ---- Sending ----------------------------------------------------------------------------------------

  const inFlight = new Set<string>();

  async function deliver(clientId: string): Promise<void> {
    const pending = outbox.value.find((p) => p.clientId === clientId);
    if (!pending || pending.status !== 'sending' || inFlight.has(clientId)) return;
    inFlight.add(clientId);
    const result = await socket.request('message:send', {
      conversationId: pending.conversationId,
      clientId,
      body: pending.body,
    });
    inFlight.delete(clientId);
    if (result.ok) {
      const { message } = result.data;
      batch(() => {
        storeMessages(pending.conversationId, [message]);
        conversations.value = applyOwnMessage(conversations.value, message);
      });
    } else if (result.error.code === 'timeout') {
      later(() => void deliver(clientId), RESEND_AFTER_TIMEOUT_MS);
    } else if (result.error.code !== 'offline') {
      outbox.value = updatePending(outbox.value, clientId, { status: 'failed', error: result.error.message });
    }
    // Offline: flushOutbox() resends it on the next connect.
  }

  function flushOutbox(): void {
    for (const pending of outbox.value) if (pending.status === 'sending') void deliver(pending.clientId);
  }

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
        flushOutbox();
      } else if (status.kind === 'disconnected') {
        if (connection.value === 'connected') connection.value = 'reconnecting';
      } else if (status.code === 'protocol_mismatch') {
        connection.value = 'outdated';
      } else {
        deps.onUnauthorized();
      }
    }),
    socket.on('message:created', ({ message, conversation }) => {
      batch(() => {
        conversations.value = upsertConversation(conversations.value, conversation);
        storeMessages(message.conversationId, [message]);
        // Whoever wrote it has stopped typing (an automatic reply was typed by nobody).
        if (message.author !== 'system') {
          const typist = message.author === 'visitor' ? 'visitor' : `operator:${message.operatorId ?? ''}`;
          typing.value = clearTypist(typing.value, message.conversationId, typist);
        }
      });
    }),
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

  return {
    connection,
    conversations,
    listState,
    unreadTotal: computed(() => totalUnread(conversations.value)),
    openConversation,
    openEntries: computed(() => {
      const id = openConversationId.value;
      return id ? threadEntries(threads.value[id] ?? [], outbox.value, id) : [];
    }),
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
    setDraft(conversationId, text) {
      drafts.value = { ...drafts.value, [conversationId]: text };
      throttleFor(conversationId).update(text.trim().length > 0);
    },
    sendMessage(conversationId, body) {
      if (body.trim().length === 0 || body.length > LIMITS.messageLength) return false;
      const pending: PendingMessage = {
        clientId: deps.newClientId(),
        conversationId,
        body,
        createdAt: new Date(deps.now()).toISOString(),
        status: 'sending',
        error: null,
      };
      batch(() => {
        outbox.value = enqueue(outbox.value, pending);
        drafts.value = { ...drafts.value, [conversationId]: '' };
      });
      throttleFor(conversationId).stop();
      void deliver(pending.clientId);
      return true;
    },
    retryMessage(clientId) {
      outbox.value = updatePending(outbox.value, clientId, { status: 'sending', error: null });
      void deliver(clientId);
    },
    reloadConversation(conversationId) {
      setThreadState(conversationId, { status: 'loading' });
      void syncConversation(conversationId);
    },
    dispose() {
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
