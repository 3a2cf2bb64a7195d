import { describe, expect, it, vi } from 'vitest';
import type { MailDetail, MailList, MailSummary } from '../../shared/index.ts';
import type { ClientResult } from '../transport/index.ts';
import { fakeApi } from './fake-api.test-helpers.ts';
import { appendOlder, createSentMail, failedMails, loadFailedMails, mailKindName } from './sent-mail.ts';

function mail(n: number, changes: Partial<MailSummary> = {}): MailSummary {
  return {
    id: `m${n}`,
    kind: 'receipt',
    recipient: `v${n}@example.com`,
    subject: `We have your message ${n}`,
    status: 'sent',
    attempts: 1,
    lastError: null,
    // m1 is the oldest: 10:01, m2 10:02, …
    createdAt: `2026-12-05T10:0${n}:00.000Z`,
    sentAt: `2026-12-05T10:0${n}:01.000Z`,
    conversationId: `c${n}`,
    ...changes,
  };
}
const detail = (n: number): MailDetail => ({ ...mail(n), fromName: 'Jana', text: `Text ${n}`, html: `<p>Text ${n}</p>` });

describe('the Sent mail screen', () => {
  it('lists the newest page, then adds older pages below until there are none', async () => {
    const listMails = vi.fn(
      async (_siteId: string, before?: string): Promise<ClientResult<MailList>> =>
        before === undefined
          ? { ok: true, data: { mails: [mail(4), mail(3)], nextBefore: 'c1', delivery: 'files' } }
          : { ok: true, data: { mails: [mail(2), mail(1)], nextBefore: null, delivery: 'files' } },
    );
    const sent = createSentMail({ api: fakeApi({ listMails }), siteId: 's1' });
    expect(sent.loadState.value).toEqual({ status: 'loading' });
    await sent.load();
    expect(sent.loadState.value).toEqual({ status: 'ready' });
    expect(sent.delivery.value).toBe('files');
    expect(sent.hasOlder.value).toBe(true);
    await sent.loadOlder();
    expect(listMails).toHaveBeenLastCalledWith('s1', 'c1');
    expect(sent.mails.value.map((m) => m.id)).toEqual(['m4', 'm3', 'm2', 'm1']);
    expect(sent.hasOlder.value).toBe(false);
    await sent.loadOlder();
    expect(listMails).toHaveBeenCalledTimes(2);
  });

  it('says why the list could not be loaded, and keeps the listed mails when an older page fails', async () => {
    let fail = true;
    const sent = createSentMail({
      api: fakeApi({
        listMails: async (_siteId, before) => {
          if (fail) return { ok: false, error: { code: 'network', message: 'The server cannot be reached.' } };
          return before === undefined ? { ok: true, data: { mails: [mail(2)], nextBefore: 'c', delivery: 'smtp' } } : { ok: false, error: { code: 'internal', message: 'Something went wrong.' } };
        },
      }),
      siteId: 's1',
    });
    await sent.load();
    expect(sent.loadState.value).toEqual({ status: 'error', message: 'The server cannot be reached.' });
    fail = false;
    await sent.load();
    await sent.loadOlder();
    expect(sent.mails.value.map((m) => m.id)).toEqual(['m2']);
    expect(sent.olderError.value).toBe('Something went wrong.');
    expect(sent.hasOlder.value).toBe(true);
    expect(sent.isLoadingOlder.value).toBe(false);
  });

  it('opens a mail whole; a slower answer for a mail opened before does not replace the one opened last', async () => {
    const answers: Record<string, (result: ClientResult<MailDetail>) => void> = {};
    const sent = createSentMail({
      api: fakeApi({ getMail: (_siteId, mailId) => new Promise((resolve) => (answers[mailId] = resolve)) }),
      siteId: 's1',
    });
    const first = sent.open('m1');
    const second = sent.open('m2');
    expect(sent.openMail.value).toEqual({ status: 'loading', id: 'm2' });
    answers.m2!({ ok: true, data: detail(2) });
    await second;
    answers.m1!({ ok: true, data: detail(1) });
    await first;
    expect(sent.openMail.value).toEqual({ status: 'ready', mail: detail(2) });
    const third = sent.open('m3');
    answers.m3!({ ok: false, error: { code: 'not_found', message: 'Not found.' } });
    await third;
    expect(sent.openMail.value).toEqual({ status: 'error', id: 'm3', message: 'Not found.' });
    sent.close();
    expect(sent.openMail.value).toEqual({ status: 'closed' });
  });

  it('never lists a mail twice when a page overlaps the mails already listed', () => {
    expect(appendOlder([mail(3), mail(2)], [mail(2), mail(1)]).map((m) => m.id)).toEqual(['m3', 'm2', 'm1']);
  });

  it('names the kinds it knows in words and shows an unknown kind as its code', () => {
    const names = { receipt: 'Receipt', reply: 'Replies', continue: 'New link', 'operator-new': 'New', 'operator-digest': 'Digest', 'operator-reminder': 'Reminder' };
    expect(mailKindName('reply', names)).toBe('Replies');
    expect(mailKindName('digest', names)).toBe('digest');
    expect(mailKindName('toString', names)).toBe('toString');
  });
});

describe('failed mails on a conversation', () => {
  it('are the failed ones only, oldest first', () => {
    const list = [mail(3, { status: 'failed', lastError: '550 No such user' }), mail(2, { status: 'cancelled' }), mail(1, { status: 'failed', lastError: 'timeout' })];
    expect(failedMails(list).map((m) => m.id)).toEqual(['m1', 'm3']);
  });
});

describe('loading the failed mails of a conversation', () => {
  it('asks for the conversation of its site and keeps the failed ones; a refusal is no notice rather than an error', async () => {
    const listConversationMails = vi.fn(async () => ({ ok: true as const, data: { mails: [mail(2, { status: 'failed', lastError: '550 No such user' }), mail(1)] } }));
    const loaded = await loadFailedMails(fakeApi({ listConversationMails }), 's1', 'c9');
    expect(loaded.failed.map((m) => m.id)).toEqual(['m2']);
    expect(loaded.hasPending).toBe(false);
    expect(listConversationMails).toHaveBeenCalledWith('s1', 'c9');
    const refusing = fakeApi({ listConversationMails: async () => ({ ok: false, error: { code: 'not_found', message: 'Not found.' } }) });
    expect(await loadFailedMails(refusing, 's1', 'c9')).toEqual({ failed: [], hasPending: false });
  });

  it('says when a mail is still queued or being sent, so the notice looks again later', async () => {
    for (const status of ['queued', 'sending'] as const) {
      const api = fakeApi({ listConversationMails: async () => ({ ok: true, data: { mails: [mail(1, { status })] } }) });
      expect(await loadFailedMails(api, 's1', 'c9')).toEqual({ failed: [], hasPending: true });
    }
  });
});
