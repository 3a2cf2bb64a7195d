import type { Signal } from '@preact/signals';
import type { ManagerOptions, SocketOptions } from 'socket.io-client';
// Zod-free protocol files, imported directly rather than through the protocol index (which pulls in zod).
import { LIMITS } from '../../shared/protocol/limits.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';
import type { Message, RatingValue } from '../../shared/protocol/schemas.ts';
import type { Availability } from '../../shared/protocol/availability.ts';
import type { VisitorIdentity } from '../../shared/protocol/events.ts';
import {
  createClientId,
  isAvailability,
  isMessage,
  isToken,
  isVisitorConversation,
  type FormFields,
  type OutboxEntry,
  type ChatState,
  type ConnectionState,
  type Outbox,
  type RandomSource,
  type RateOutcome,
  type TokenStore,
} from '../state/index.ts';
import { createOutboxFlusher, retryDelay } from './flush-outbox.ts';
import { refusalAction } from './handshake-refusal.ts';
import type { PageContext } from './page-context.ts';
import { createSocketRequests, type VisitorSocket } from './requests.ts';
import { syncConversation } from './sync.ts';
import { createTypingNotifier, type TypingNotifier } from './typing-notifier.ts';

export type SocketFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => VisitorSocket;

export interface SessionOptions {
  /** socket.io-client's `io`; tests pass a fake. */
  createSocket: SocketFactory;
  baseUrl: string;
  siteKey: string;
  chat: ChatState;
  outbox: Outbox;
  tokens: TokenStore;
  connection: Signal<ConnectionState>;
  random: RandomSource;
  /** Messages from the team that arrived while the widget was running (not the history of a first load). */
  onTeamMessages(messages: Message[]): void;
  /** Sent in the handshake, so what the server writes for the visitor (an acknowledgement) is in their zone and language. */
  timeZone?: string;
  locale?: string;
  /** The page the widget runs on, read afresh for every (re)connect's handshake (the entry point reads it). */
  pageContext?(): PageContext;
  /** The server's `availability:changed`: authoritative while connected. */
  onAvailability?(availability: Availability): void;
  /** The server refused a form entry for its fields (invalid_payload): give it back to the form to fix. */
  onFormRefused?(entry: OutboxEntry, message: string): void;
}

export interface Session {
  /**
   * Connects, unless already asked to. Nothing connects by itself: a launcher nobody opened, for a visitor
   * without a conversation, holds no socket.
   */
  connect(): void;
  /** Puts the message in the outbox (shown at once as "Sending…") and starts delivery (connecting). */
  sendMessage(body: string): void;
  /** Like sendMessage, for the message form: delivered with `form:submit`, in order with the rest. */
  submitForm(body: string, form: FormFields): void;
  /** Tells the server the visitor has seen everything this tab holds. */
  markSeen(): void;
  /** Sends the quick rating after a resolve; never rejects. */
  rate(rating: RatingValue, comment?: string): Promise<RateOutcome>;
  /** Another tab changed the outbox: deliver what it leaves behind, unless it does so itself first. */
  onOutboxChangedElsewhere(): void;
  /**
   * Who the host page says the visitor is, sent in every later handshake; when connected, `visitor:identify`
   * is sent before the next sync. A token in its answer means this is another visitor now: the thread held
   * is dropped and synced afresh. null: sent no more (after `restart`, for `reset`).
   */
  identify(identity: VisitorIdentity | null): void;
  /**
   * Drops the connection and everything learned through it, at once: answers still on their way are
   * discarded, so nothing of the previous visitor can arrive after this. Idle until `connect`.
   */
  restart(): void;
  readonly typing: TypingNotifier;
  close(): void;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Splits "https://host/prefix" into the socket.io URL (origin + namespace) and path (prefix + /socket.io). */
export function socketAddress(baseUrl: string): { url: string; path: string } {
  const base = new URL(baseUrl);
  return { url: `${base.origin}/visitor`, path: `${base.pathname.replace(/\/+$/, '')}/socket.io` };
}

/**
 * The visitor's live connection: connects with the stored token, syncs after every (re)connect, then
 * delivers the outbox; applies what the server pushes. Handshake refusals are handled as the protocol says.
 */
export function startSession(options: SessionOptions): Session {
  const { chat, outbox, tokens, connection } = options;
  const address = socketAddress(options.baseUrl);
  let sentToken = false;
  let identity: VisitorIdentity | null = null;
  /** The identity the server knows for this connection (sent in its handshake or acknowledged since). */
  let sentIdentity: VisitorIdentity | null = null;
  /** Bumped by restart(): an answer to a request made before it belongs to the previous visitor. */
  let generation = 0;
  const socket = options.createSocket(address.url, {
    path: address.path,
    autoConnect: false,
    // Long-polling first, then the upgrade to WebSocket: polling gets through proxies and firewalls that
    // block WebSocket. Named, because scripts/build.ts leaves the unused WebTransport out of the bundle.
    transports: ['polling', 'websocket'],
    // A callback, so each reconnect sends the token as it is now (it may have been issued or dropped since),
    // and the page the visitor is on now.
    auth: (cb) => {
      const token = tokens.read();
      sentToken = token !== null;
      const { timeZone, locale } = options;
      cb({
        v: PROTOCOL_VERSION,
        siteKey: options.siteKey,
        ...(token === null ? {} : { token }),
        timeZone,
        locale,
        ...options.pageContext?.(),
        ...(identity === null ? {} : { identity }),
      });
      sentIdentity = identity;
    },
  });
  const socketRequests = createSocketRequests(socket);
  /** An answer that arrives after a restart() is dropped (rejected): it belongs to the previous visitor. */
  const current = <A extends unknown[], T>(request: (...args: A) => Promise<T>) => (...args: A): Promise<T> => {
    const asked = generation;
    return request(...args).then((result) => {
      if (asked !== generation) throw new Error('restarted');
      return result;
    });
  };
  const requests: typeof socketRequests = {
    sync: current(socketRequests.sync),
    send: current(socketRequests.send),
    submitForm: current(socketRequests.submitForm),
    seen: current(socketRequests.seen),
    rate: current(socketRequests.rate),
    identify: current(socketRequests.identify),
  };

  let isSynced = false;
  let hasLoadedHistory = false;
  let seenRequested = 0;
  let refusedConnects = 0;
  let typingClearTimer: ReturnType<typeof setTimeout> | undefined;
  let flushSoonTimer: ReturnType<typeof setTimeout> | undefined;

  /** Stores what arrived live; reports the team's new messages (operators' and automatic ones) once. */
  const receive = (messages: Message[]) => {
    const added = chat.merge(messages);
    // The server reopens a resolved conversation when the visitor writes; its conversation:updated follows.
    if (added.some((m) => m.author === 'visitor')) chat.reopen();
    const fromTeam = added.filter((m) => m.author !== 'visitor');
    if (fromTeam.length > 0) {
      chat.operatorTyping.value = null;
      if (hasLoadedHistory) options.onTeamMessages(fromTeam);
    }
  };

  const flusher = createOutboxFlusher({
    outbox,
    deliver: (entry) => (entry.form ? requests.submitForm({ ...entry, form: entry.form }) : requests.send(entry)),
    canSend: () => socket.connected && isSynced,
    isStored: (clientId) => chat.messages.value.some((m) => m.author === 'visitor' && m.clientId === clientId),
    onDelivered: receive,
    onRefused: (entry, code, message) => {
      if (entry.form && code === 'invalid_payload' && options.onFormRefused) options.onFormRefused(entry, message);
      else chat.addRefused({ entry, code });
    },
    wait,
  });

  // ---- sync: one at a time; a request during a run asks for one more run --------------------------------
  let syncRun: Promise<void> | null = null;
  let isSyncAgain = false;

  /** Tells a connected server who the visitor is, when the page said so after the handshake. */
  async function identifyIfChanged(): Promise<void> {
    const wanted = identity;
    if (wanted === null || wanted === sentIdentity) return;
    const result = await requests.identify(wanted);
    sentIdentity = wanted;
    if (!result.ok) {
      // A site that requires verification refuses a wrong signature: no thread for this page.
      if (result.error.code === 'identity_invalid' || result.error.code === 'identity_required') refuse();
      return;
    }
    if (isToken(result.data.token)) {
      // Another visitor now (the verified user's own, or a fresh one): their thread, from the start.
      tokens.write(result.data.token);
      chat.reset();
      hasLoadedHistory = false;
    }
  }

  function refuse(): void {
    connection.value = 'refused';
    socket.disconnect();
  }

  async function syncUntilDone(): Promise<void> {
    for (let attempt = 1; socket.connected; attempt += 1) {
      try {
        await identifyIfChanged();
        if (!socket.connected) return;
        const outcome = await syncConversation({ requests, chat, tokens, outbox });
        if (outcome.ok) {
          const fromTeam = outcome.added.filter((m) => m.author !== 'visitor');
          if (hasLoadedHistory && fromTeam.length > 0) options.onTeamMessages(fromTeam);
          hasLoadedHistory = true;
          isSynced = true;
          connection.value = 'connected';
          flusher.kick();
          return;
        }
      } catch {
        // Timeout or dropped connection: retried below while connected; a reconnect syncs anyway.
      }
      await wait(retryDelay(attempt));
    }
  }

  function requestSync(): void {
    if (syncRun) {
      isSyncAgain = true;
      return;
    }
    syncRun = (async () => {
      do {
        isSyncAgain = false;
        await syncUntilDone();
      } while (isSyncAgain && socket.connected);
    })().finally(() => {
      syncRun = null;
    });
  }

  // ---- connection lifecycle -----------------------------------------------------------------------
  socket.on('connect', () => {
    refusedConnects = 0;
    isSynced = false;
    requestSync();
  });

  socket.on('disconnect', (reason) => {
    isSynced = false;
    if (connection.value === 'outdated' || connection.value === 'disabled' || connection.value === 'refused' || connection.value === 'idle') return;
    connection.value = 'reconnecting';
    // The server closed this socket on purpose (e.g. a deploy); socket.io does not retry that by itself.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), retryDelay(2));
  });

  socket.on('connect_error', (err) => {
    const action = refusalAction(err, sentToken);
    if (action === 'reload') {
      connection.value = 'outdated';
      socket.disconnect();
    } else if (action === 'hide') {
      connection.value = 'disabled';
      socket.disconnect();
      console.warn(`[Porchlight] The site key "${options.siteKey}" is not known to ${options.baseUrl}; the chat stays hidden.`);
    } else if (action === 'identity') {
      refuse();
    } else if (action === 'new-token') {
      // The conversation shown belonged to that token; the outbox stays and goes to the new conversation.
      tokens.clear();
      chat.reset();
      setTimeout(() => socket.connect(), 0);
    } else {
      if (connection.value !== 'connecting') connection.value = 'reconnecting';
      // A refusal by the server's handshake middleware (e.g. rate_limited) leaves the socket inactive:
      // socket.io only retries transport failures by itself, so retry here, backing off.
      if (!socket.active) {
        refusedConnects += 1;
        setTimeout(() => {
          if (!socket.connected && (connection.value === 'connecting' || connection.value === 'reconnecting')) socket.connect();
        }, retryDelay(refusedConnects + 1));
      }
    }
  });

  // ---- what the server pushes ---------------------------------------------------------------------------
  socket.on('message:created', (message) => {
    if (!isMessage(message)) return;
    receive([message]);
    if (message.author === 'visitor') outbox.remove(message.clientId);
    // A seq beyond what this tab holds means something was missed (e.g. while syncing): fetch the gap.
    if (isSynced && chat.syncedSeq() < message.seq) requestSync();
  });

  socket.on('typing:updated', ({ isTyping, name }) => {
    clearTimeout(typingClearTimer);
    chat.operatorTyping.value = isTyping ? { name: typeof name === 'string' && name !== '' ? name : null } : null;
    // The team's client may vanish without sending "false": the indicator expires by itself.
    if (isTyping) typingClearTimer = setTimeout(() => (chat.operatorTyping.value = null), LIMITS.typingTimeoutMs);
  });

  socket.on('conversation:seen', ({ conversationId, by, upToSeq }) => {
    if (chat.conversation.value?.id !== conversationId || typeof upToSeq !== 'number') return;
    if (by === 'operator' || by === 'visitor') chat.markSeen(by, upToSeq);
  });

  socket.on('conversation:updated', (conversation) => {
    const current = chat.conversation.value;
    if (isVisitorConversation(conversation) && (!current || current.id === conversation.id)) chat.setConversation(conversation);
  });

  socket.on('availability:changed', (availability) => {
    if (isAvailability(availability)) options.onAvailability?.(availability);
  });

  const typing = createTypingNotifier({
    emit: (isTyping) => {
      if (socket.connected) socket.emit('typing:update', { isTyping });
    },
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    intervalMs: LIMITS.typingIntervalMs,
    refreshMs: Math.max(LIMITS.typingIntervalMs, LIMITS.typingTimeoutMs / 2),
  });

  const connect = () => {
    // `active` is true from socket.connect() until a deliberate disconnect (outdated, disabled, refused: stay off).
    if (socket.active || connection.value === 'outdated' || connection.value === 'disabled' || connection.value === 'refused') return;
    if (connection.value === 'idle') connection.value = 'connecting';
    socket.connect();
  };
  const enqueue = (entry: OutboxEntry) => {
    outbox.add(entry);
    typing.stop();
    connect();
    flusher.kick();
  };
  const newEntry = (body: string) => ({ clientId: createClientId(options.random), body, createdAt: new Date().toISOString() });

  return {
    typing,
    connect,
    sendMessage: (body) => enqueue(newEntry(body)),
    submitForm: (body, form) => enqueue({ ...newEntry(body), form }),
    markSeen() {
      const conversation = chat.conversation.value;
      const upToSeq = chat.syncedSeq();
      if (!isSynced || !conversation || upToSeq <= conversation.visitorSeenSeq || upToSeq <= seenRequested) return;
      seenRequested = upToSeq;
      // Optimistic: the badge clears at once; a failed request is repeated on the next new message.
      chat.markSeen('visitor', upToSeq);
      requests.seen(upToSeq).then(
        (result) => {
          if (!result.ok) seenRequested = 0;
        },
        () => {
          seenRequested = 0;
        },
      );
    },
    async rate(rating, comment) {
      try {
        // An undefined comment is left out of the JSON.
        const result = await requests.rate({ rating, comment });
        if (result.ok) {
          if (isVisitorConversation(result.data.conversation)) chat.setConversation(result.data.conversation);
          return 'sent';
        }
        if (result.error.code !== 'not_resolved') return 'failed';
        chat.reopen();
        return 'not_resolved';
      } catch {
        // Offline, timed out or dropped: the visitor is told and can try again.
        return 'failed';
      }
    },
    identify(next) {
      identity = next;
      if (next !== null && socket.connected) requestSync();
    },
    restart() {
      generation += 1;
      // 'idle' first: the disconnect handler then leaves it (no "Reconnecting…", no retry).
      if (connection.value !== 'outdated' && connection.value !== 'disabled') connection.value = 'idle';
      socket.disconnect();
      clearTimeout(typingClearTimer);
      isSynced = false;
      hasLoadedHistory = false;
      seenRequested = 0;
      sentIdentity = null;
      typing.stop();
    },
    onOutboxChangedElsewhere() {
      clearTimeout(flushSoonTimer);
      flushSoonTimer = setTimeout(() => flusher.kick(), 3000);
    },
    close() {
      clearTimeout(typingClearTimer);
      clearTimeout(flushSoonTimer);
      socket.disconnect();
    },
  };
}
