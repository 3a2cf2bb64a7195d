import { computed, signal, type ReadonlySignal } from '@preact/signals';
// `import type` only: the schemas pull in full zod, which must never reach the visitor's bundle.
import type { RatingValue } from '../../shared/protocol/schemas.ts';
import type { ChatState } from './chat.ts';

/** How sending a rating ended: stored, refused because the conversation is open again, or not delivered. */
export type RateOutcome = 'sent' | 'not_resolved' | 'failed';

/** Where the rating prompt stands. `sending` and `failed` keep what was chosen and written, for a retry. */
export type RatingStep =
  | { step: 'ask' }
  | { step: 'comment'; rating: RatingValue }
  | { step: 'sending'; rating: RatingValue; comment: string }
  | { step: 'failed'; rating: RatingValue; comment: string }
  | { step: 'sent' };

export interface RatingPrompt {
  /** What to show; null while nothing is asked (not resolved, already rated, dismissed, or the visitor wrote). */
  readonly step: ReadonlySignal<RatingStep | null>;
  /** Good or bad (again, to change it before sending): next comes the optional comment. */
  choose(rating: RatingValue): void;
  /** Sends the chosen rating with the comment ('' skips it); from `failed`, tries again. */
  send(comment: string): Promise<void>;
  /** Not now: hidden for this resolve, in this browser, for good. */
  dismiss(): void;
  /** Forgets the dismissal and any rating in progress: another visitor uses this browser now. */
  forget(): void;
}

export interface RatingPromptDeps {
  chat: Pick<ChatState, 'conversation' | 'messages'>;
  /** The visitor's messages not delivered yet: once they write, the question is open again. */
  pending: ReadonlySignal<readonly unknown[]>;
  /** Where the dismissed resolve is remembered (the safe storage; it may still throw when full). */
  storage: Storage;
  storageKey: string;
  rate(rating: RatingValue, comment?: string): Promise<RateOutcome>;
}

/**
 * The quick rating after a resolve (issue 4, item 9). A resolve is told apart from the next one by the
 * visitor's last message: the conversation is only resolved again after the visitor wrote (and so reopened
 * it), so "conversation id : seq of the visitor's last message" names one resolve. A dismissal remembers
 * that name; what the visitor chose and wrote lives here, not in a component, so neither a reconnect nor a
 * re-render loses it.
 */
export function createRatingPrompt({ chat, pending, storage, storageKey, rate }: RatingPromptDeps): RatingPrompt {
  const read = () => {
    try {
      return storage.getItem(storageKey);
    } catch {
      return null;
    }
  };
  const dismissed = signal(read());
  const flow = signal<{ resolve: string; step: RatingStep } | null>(null);

  const resolve = computed(() => {
    const conversation = chat.conversation.value;
    if (conversation?.status !== 'resolved' || pending.value.length > 0) return null;
    let lastVisitorSeq = 0;
    for (const m of chat.messages.value) if (m.author === 'visitor') lastVisitorSeq = m.seq;
    return `${conversation.id}:${lastVisitorSeq}`;
  });

  const step = computed((): RatingStep | null => {
    const current = resolve.value;
    if (current === null) return null;
    const isRated = chat.conversation.value?.rating != null;
    const own = flow.value?.resolve === current ? flow.value.step : null;
    // A rating the server stored although its answer was lost (seen after a reconnect) counts as sent.
    if (own?.step === 'failed' && isRated) return { step: 'sent' };
    if (own) return own;
    return isRated || dismissed.value === current ? null : { step: 'ask' };
  });

  const move = (next: RatingStep) => {
    if (resolve.value !== null) flow.value = { resolve: resolve.value, step: next };
  };

  return {
    step,
    choose(rating) {
      const current = step.value?.step;
      if (current === 'ask' || current === 'comment' || current === 'failed') move({ step: 'comment', rating });
    },
    async send(comment) {
      const current = step.value;
      const at = resolve.value;
      if (current?.step !== 'comment' && current?.step !== 'failed') return;
      const { rating } = current;
      move({ step: 'sending', rating, comment });
      const outcome = await rate(rating, comment.trim() || undefined);
      // The visitor wrote meanwhile (another resolve, or none): that answer no longer has a place to go.
      if (flow.value?.resolve !== at) return;
      // not_resolved: the conversation is open again, so the prompt goes away with the status.
      flow.value = outcome === 'not_resolved' ? null : { resolve: at, step: outcome === 'sent' ? { step: 'sent' } : { step: 'failed', rating, comment } };
    },
    forget() {
      flow.value = null;
      dismissed.value = null;
      try {
        storage.removeItem(storageKey);
      } catch {
        // Nothing to do: what cannot be removed cannot be read back either.
      }
    },
    dismiss() {
      const current = resolve.value;
      if (current === null) return;
      flow.value = null;
      dismissed.value = current;
      try {
        storage.setItem(storageKey, current);
      } catch {
        // Storage full: dismissed for the life of this page only.
      }
    },
  };
}
