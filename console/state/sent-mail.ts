import { signal, type ReadonlySignal } from '@preact/signals';
import type { MailDetail, MailList, MailSummary } from '../../shared/index.ts';
import type { ApiClient } from '../transport/index.ts';
import type { LoadState } from './inbox.ts';

/** The mail open on the Sent mail screen: none, being fetched, shown, or why it could not be. */
export type OpenMail =
  | { status: 'closed' }
  | { status: 'loading'; id: string }
  | { status: 'ready'; mail: MailDetail }
  | { status: 'error'; id: string; message: string };

export interface SentMail {
  /** Newest first, the pages loaded so far. */
  mails: ReadonlySignal<readonly MailSummary[]>;
  loadState: ReadonlySignal<LoadState>;
  /** How this server sends mail; null until the first page is in. */
  delivery: ReadonlySignal<MailList['delivery'] | null>;
  /** An older page exists ("Load older" is offered). */
  hasOlder: ReadonlySignal<boolean>;
  isLoadingOlder: ReadonlySignal<boolean>;
  /** Why the last "Load older" failed; null otherwise. */
  olderError: ReadonlySignal<string | null>;
  openMail: ReadonlySignal<OpenMail>;
  load(): Promise<void>;
  loadOlder(): Promise<void>;
  open(mailId: string): Promise<void>;
  close(): void;
}

/**
 * Adds an older page below the mails already listed. A mail queued between two requests shifts nothing (the
 * cursor is a time and an id, not an offset), but a page asked for twice must not list a mail twice.
 */
export function appendOlder(listed: readonly MailSummary[], older: readonly MailSummary[]): MailSummary[] {
  const seen = new Set(listed.map((m) => m.id));
  return [...listed, ...older.filter((m) => !seen.has(m.id))];
}

/** The mails of a conversation that could not be delivered, oldest first (the order they happened in). */
export function failedMails(mails: readonly MailSummary[]): MailSummary[] {
  return mails.filter((m) => m.status === 'failed').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The Sent mail screen of one site (owners): its mails page by page, and one of them opened whole. */
export function createSentMail({ api, siteId }: { api: ApiClient; siteId: string }): SentMail {
  const mails = signal<readonly MailSummary[]>([]);
  const loadState = signal<LoadState>({ status: 'loading' });
  const delivery = signal<MailList['delivery'] | null>(null);
  const nextBefore = signal<string | null>(null);
  const hasOlder = signal(false);
  const isLoadingOlder = signal(false);
  const olderError = signal<string | null>(null);
  const openMail = signal<OpenMail>({ status: 'closed' });

  function takePage(page: MailList) {
    nextBefore.value = page.nextBefore;
    hasOlder.value = page.nextBefore !== null;
    delivery.value = page.delivery;
  }

  return {
    mails,
    loadState,
    delivery,
    hasOlder,
    isLoadingOlder,
    olderError,
    openMail,
    async load() {
      loadState.value = { status: 'loading' };
      const result = await api.listMails(siteId);
      if (!result.ok) {
        loadState.value = { status: 'error', message: result.error.message };
        return;
      }
      mails.value = result.data.mails;
      takePage(result.data);
      olderError.value = null;
      loadState.value = { status: 'ready' };
    },
    async loadOlder() {
      const before = nextBefore.value;
      if (before === null || isLoadingOlder.value) return;
      isLoadingOlder.value = true;
      olderError.value = null;
      try {
        const result = await api.listMails(siteId, before);
        if (!result.ok) {
          olderError.value = result.error.message;
          return;
        }
        mails.value = appendOlder(mails.value, result.data.mails);
        takePage(result.data);
      } finally {
        isLoadingOlder.value = false;
      }
    },
    async open(mailId) {
      openMail.value = { status: 'loading', id: mailId };
      const result = await api.getMail(siteId, mailId);
      // Another mail was opened (or this one closed) while this one was on its way: that choice wins.
      const current = openMail.value;
      if (current.status !== 'loading' || current.id !== mailId) return;
      openMail.value = result.ok ? { status: 'ready', mail: result.data } : { status: 'error', id: mailId, message: result.error.message };
    },
    close() {
      openMail.value = { status: 'closed' };
    },
  };
}

/** The kinds of mail the console names in words; a kind added on the server later shows as its code. */
export const MAIL_KINDS = ['receipt', 'reply', 'continue', 'operator-new', 'operator-digest', 'operator-reminder'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export function mailKindName(kind: string, names: Readonly<Record<MailKind, string>>): string {
  return (MAIL_KINDS as readonly string[]).includes(kind) ? names[kind as MailKind] : kind;
}

/** What the conversation's notice needs: its undelivered mails, and whether some are still on their way. */
export interface ConversationMailState {
  failed: MailSummary[];
  /** A mail is queued or being sent: it may still fail, so the notice asks again later. */
  hasPending: boolean;
}

/**
 * The mails of a conversation that could not be delivered, for the notice on the conversation; none when the
 * list cannot be had (the notice is extra, and the conversation must open without it).
 */
export async function loadFailedMails(api: ApiClient, siteId: string, conversationId: string): Promise<ConversationMailState> {
  const result = await api.listConversationMails(siteId, conversationId);
  if (!result.ok) return { failed: [], hasPending: false };
  const { mails } = result.data;
  return { failed: failedMails(mails), hasPending: mails.some((m) => m.status === 'queued' || m.status === 'sending') };
}
