import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../shared/browser/safe-storage.ts';
import type { Message, RatingValue, VisitorConversation } from '../../shared/protocol/schemas.ts';
import { createChatState } from './chat.ts';
import { createRatingPrompt, type RateOutcome } from './rating-prompt.ts';

const message = (seq: number, author: 'visitor' | 'operator'): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientId: `client-${seq}-xyz`,
  author,
  operatorId: author === 'operator' ? 'op1' : null,
  authorName: author === 'operator' ? 'Jana' : null,
  body: `body ${seq}`,
  createdAt: '2025-05-01T10:00:00.000Z',
});

const conversation = (fields: Partial<VisitorConversation>): VisitorConversation => ({
  id: 'c1',
  lastSeq: 2,
  visitorSeenSeq: 2,
  operatorSeenSeq: 2,
  status: 'open',
  updateBy: null,
  rating: null,
  ...fields,
});

/** A visitor who asked (seq 1) and got an answer (seq 2); `answers` are what the server says to each rating. */
function setup(answers: RateOutcome[] = [], storage = createMemoryStorage()) {
  const chat = createChatState();
  chat.merge([message(1, 'visitor'), message(2, 'operator')]);
  chat.setConversation(conversation({}));
  const pending = signal<readonly unknown[]>([]);
  const sent: Array<[RatingValue, string | undefined]> = [];
  let release: () => void = () => {};
  const prompt = createRatingPrompt({
    chat,
    pending,
    storage,
    storageKey: 'porchlight:demo:rating',
    rate: async (rating, comment) => {
      sent.push([rating, comment]);
      const outcome = answers.shift() ?? 'failed';
      if (outcome === 'sent') chat.setConversation(conversation({ status: 'resolved', rating }));
      await new Promise<void>((resolve) => (release = resolve));
      return outcome;
    },
  });
  const resolve = () => chat.setConversation(conversation({ status: 'resolved' }));
  /** Sends and lets the server answer. */
  const send = async (comment: string) => {
    const done = prompt.send(comment);
    release();
    await done;
  };
  return { chat, pending, prompt, sent, storage, resolve, send, release: () => release() };
}

describe('the rating prompt', () => {
  it('asks nothing while the conversation is open, and asks after a resolve', () => {
    const t = setup();
    expect(t.prompt.step.value).toBeNull();
    t.resolve();
    expect(t.prompt.step.value).toEqual({ step: 'ask' });
  });

  it('does not ask when this resolve is already rated (another tab, an earlier page view)', () => {
    const t = setup();
    t.chat.setConversation(conversation({ status: 'resolved', rating: 'good' }));
    expect(t.prompt.step.value).toBeNull();
  });

  it('goes good → comment → sending → thanks, sending the rating with the comment', async () => {
    const t = setup(['sent']);
    t.resolve();
    t.prompt.choose('good');
    expect(t.prompt.step.value).toEqual({ step: 'comment', rating: 'good' });
    const done = t.prompt.send('  Quick and kind.  ');
    expect(t.prompt.step.value).toEqual({ step: 'sending', rating: 'good', comment: '  Quick and kind.  ' });
    t.release();
    await done;
    expect(t.sent).toEqual([['good', 'Quick and kind.']]);
    // The server's answer carries the rating; the prompt still thanks rather than vanish under the visitor.
    expect(t.chat.conversation.value?.rating).toBe('good');
    expect(t.prompt.step.value).toEqual({ step: 'sent' });
  });

  it('lets the visitor change the choice before sending, not while sending or after', async () => {
    const t = setup(['sent']);
    t.resolve();
    t.prompt.choose('good');
    t.prompt.choose('bad');
    expect(t.prompt.step.value).toEqual({ step: 'comment', rating: 'bad' });
    const done = t.prompt.send('');
    t.prompt.choose('good');
    t.release();
    await done;
    t.prompt.choose('good');
    expect(t.sent).toEqual([['bad', undefined]]);
    expect(t.prompt.step.value).toEqual({ step: 'sent' });
  });

  it('offers no choice while nothing is asked', () => {
    const t = setup();
    t.prompt.choose('good');
    t.resolve();
    expect(t.prompt.step.value).toEqual({ step: 'ask' });
  });

  it('sends the rating alone when the comment is skipped', async () => {
    const t = setup(['sent']);
    t.resolve();
    t.prompt.choose('bad');
    await t.send('');
    expect(t.sent).toEqual([['bad', undefined]]);
    expect(t.prompt.step.value).toEqual({ step: 'sent' });
  });

  it('sends once however often Send is pressed while sending', async () => {
    const t = setup(['sent']);
    t.resolve();
    t.prompt.choose('good');
    const first = t.prompt.send('');
    void t.prompt.send('');
    t.release();
    await first;
    expect(t.sent).toHaveLength(1);
  });

  it('says so when sending fails, keeps the choice and the comment, and sends them again on retry', async () => {
    const t = setup(['failed', 'sent']);
    t.resolve();
    t.prompt.choose('bad');
    await t.send('The parcel came late.');
    expect(t.prompt.step.value).toEqual({ step: 'failed', rating: 'bad', comment: 'The parcel came late.' });
    await t.send('The parcel came late.');
    expect(t.sent).toEqual([
      ['bad', 'The parcel came late.'],
      ['bad', 'The parcel came late.'],
    ]);
    expect(t.prompt.step.value).toEqual({ step: 'sent' });
  });

  it('keeps its step through a reconnect, whose sync repeats the same state', () => {
    const t = setup();
    t.resolve();
    t.prompt.choose('good');
    t.resolve(); // the sync after the reconnect
    expect(t.prompt.step.value).toEqual({ step: 'comment', rating: 'good' });
  });

  it('counts a failed rating as sent once a sync shows the server stored it (the answer was lost)', async () => {
    const t = setup(['failed']);
    t.resolve();
    t.prompt.choose('good');
    await t.send('');
    t.chat.setConversation(conversation({ status: 'resolved', rating: 'good' }));
    expect(t.prompt.step.value).toEqual({ step: 'sent' });
  });

  it('goes away when the server says the conversation is open again (not_resolved)', async () => {
    const t = setup(['not_resolved']);
    t.resolve();
    t.prompt.choose('good');
    const done = t.prompt.send('');
    t.chat.reopen(); // what the session does with not_resolved
    t.release();
    await done;
    expect(t.prompt.step.value).toBeNull();
  });

  it('stays dismissed for this resolve, in this browser, also on the next page view', () => {
    const storage = createMemoryStorage();
    const t = setup([], storage);
    t.resolve();
    t.prompt.dismiss();
    expect(t.prompt.step.value).toBeNull();
    const nextPage = setup([], storage);
    nextPage.resolve();
    expect(nextPage.prompt.step.value).toBeNull();
  });

  it('can be dismissed in the middle, after choosing', () => {
    const t = setup();
    t.resolve();
    t.prompt.choose('bad');
    t.prompt.dismiss();
    expect(t.prompt.step.value).toBeNull();
  });

  it('stays dismissed for the page when storage refuses to write', () => {
    const storage = createMemoryStorage();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const t = setup([], storage);
    t.resolve();
    t.prompt.dismiss();
    expect(t.prompt.step.value).toBeNull();
  });

  it('hides while the visitor’s new message is on its way, and asks again after the next resolve', () => {
    const storage = createMemoryStorage();
    const t = setup([], storage);
    t.resolve();
    t.prompt.dismiss();
    // The visitor writes again: queued first, then stored (seq 3); the server reopens the conversation.
    t.pending.value = [{ clientId: 'client-3-xyz' }];
    expect(t.prompt.step.value).toBeNull();
    t.chat.merge([message(3, 'visitor')]);
    t.pending.value = [];
    t.chat.reopen();
    expect(t.prompt.step.value).toBeNull();
    // An answer, then the next resolve: a new question, not the dismissed one.
    t.chat.merge([message(4, 'operator')]);
    t.chat.setConversation(conversation({ lastSeq: 4, status: 'resolved' }));
    expect(t.prompt.step.value).toEqual({ step: 'ask' });
  });

  it('hides the thanks when the visitor writes again', async () => {
    const t = setup(['sent']);
    t.resolve();
    t.prompt.choose('good');
    await t.send('');
    t.chat.reopen();
    expect(t.prompt.step.value).toBeNull();
  });
});
