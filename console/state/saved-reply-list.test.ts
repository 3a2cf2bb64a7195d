import { describe, expect, it, vi } from 'vitest';
import type { SavedReply } from '../../shared/index.ts';
import { fakeApi } from './fake-api.test-helpers.ts';
import { createSavedReplyList } from './saved-reply-list.ts';

const aReply = (id: string, shortcut: string, overrides: Partial<SavedReply> = {}): SavedReply => ({
  id,
  siteId: 's1',
  shortcut,
  title: `Title ${shortcut}`,
  body: `Body ${shortcut}`,
  updatedAt: '2026-03-12T10:00:00.000Z',
  ...overrides,
});

describe('saved reply list', () => {
  it('lists the replies by shortcut', async () => {
    const list = createSavedReplyList({
      api: fakeApi({ listSavedReplies: async () => ({ ok: true, data: { replies: [aReply('r2', 'refund'), aReply('r1', 'hours')] } }) }),
      siteId: 's1',
      onChanged: () => {},
    });
    await list.load();
    expect(list.replies.value.map((r) => r.shortcut)).toEqual(['hours', 'refund']);
    expect(list.loadState.value).toEqual({ status: 'ready' });
  });

  it('adds a reply, keeps the order and tells the composer', async () => {
    const onChanged = vi.fn();
    const createSavedReply = vi.fn(async () => ({ ok: true as const, data: { reply: aReply('r3', 'greeting') } }));
    const list = createSavedReplyList({
      api: fakeApi({ listSavedReplies: async () => ({ ok: true, data: { replies: [aReply('r1', 'hours')] } }), createSavedReply }),
      siteId: 's1',
      onChanged,
    });
    await list.load();
    const result = await list.save({ shortcut: '/Greeting', title: 'Greeting', body: 'Hi {{firstName|there}}!' }, null);
    expect(createSavedReply).toHaveBeenCalledWith('s1', { shortcut: 'greeting', title: 'Greeting', body: 'Hi {{firstName|there}}!' });
    expect(result).toEqual({ ok: true, reply: aReply('r3', 'greeting') });
    expect(list.replies.value.map((r) => r.shortcut)).toEqual(['greeting', 'hours']);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('changes a reply in place', async () => {
    const updated = aReply('r1', 'opening-hours', { body: 'We open at 9.' });
    const updateSavedReply = vi.fn(async () => ({ ok: true as const, data: { reply: updated } }));
    const list = createSavedReplyList({
      api: fakeApi({ listSavedReplies: async () => ({ ok: true, data: { replies: [aReply('r1', 'hours'), aReply('r2', 'refund')] } }), updateSavedReply }),
      siteId: 's1',
      onChanged: () => {},
    });
    await list.load();
    await list.save({ shortcut: 'opening-hours', title: 'Title hours', body: 'We open at 9.' }, 'r1');
    expect(updateSavedReply).toHaveBeenCalledWith('s1', 'r1', { shortcut: 'opening-hours', title: 'Title hours', body: 'We open at 9.' });
    expect(list.replies.value).toEqual([updated, aReply('r2', 'refund')]);
  });

  it('shows a taken shortcut next to the shortcut field and changes nothing', async () => {
    const onChanged = vi.fn();
    const list = createSavedReplyList({
      api: fakeApi({ createSavedReply: async () => ({ ok: false, error: { code: 'shortcut_taken', message: 'A saved reply with this shortcut already exists.' } }) }),
      siteId: 's1',
      onChanged,
    });
    const result = await list.save({ shortcut: 'hours', title: 'Hours', body: 'Nine to five.' }, null);
    expect(result).toEqual({ ok: false, fields: { shortcut: 'A saved reply with this shortcut already exists.' }, message: null });
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('does not ask the server about a form with mistakes', async () => {
    const list = createSavedReplyList({ api: fakeApi({}), siteId: 's1', onChanged: () => {} });
    expect(await list.save({ shortcut: 'has space', title: 'T', body: 'B' }, null)).toMatchObject({ ok: false, fields: { shortcut: expect.any(String) } });
  });

  it('deletes a reply (also one a colleague deleted meanwhile) and tells the composer', async () => {
    const onChanged = vi.fn();
    const deleteSavedReply = vi.fn()
      .mockResolvedValueOnce({ ok: true, data: null })
      .mockResolvedValueOnce({ ok: false, error: { code: 'not_found', message: 'This was not found.' } });
    const list = createSavedReplyList({
      api: fakeApi({ listSavedReplies: async () => ({ ok: true, data: { replies: [aReply('r1', 'hours'), aReply('r2', 'refund')] } }), deleteSavedReply }),
      siteId: 's1',
      onChanged,
    });
    await list.load();
    expect(await list.remove('r1')).toEqual({ ok: true, data: null });
    expect(await list.remove('r2')).toMatchObject({ ok: false });
    expect(list.replies.value).toEqual([]);
    expect(onChanged).toHaveBeenCalledTimes(2);
  });

  it('keeps a reply the server could not delete', async () => {
    const onChanged = vi.fn();
    const list = createSavedReplyList({
      api: fakeApi({
        listSavedReplies: async () => ({ ok: true, data: { replies: [aReply('r1', 'hours')] } }),
        deleteSavedReply: async () => ({ ok: false, error: { code: 'network', message: 'No connection.' } }),
      }),
      siteId: 's1',
      onChanged,
    });
    await list.load();
    await list.remove('r1');
    expect(list.replies.value).toHaveLength(1);
    expect(onChanged).not.toHaveBeenCalled();
  });
});
