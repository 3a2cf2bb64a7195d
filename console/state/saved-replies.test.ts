import { describe, expect, it } from 'vitest';
import type { SavedReply } from '../../shared/index.ts';
import type { ClientResult } from '../transport/index.ts';
import { createSavedReplies } from './saved-replies.ts';

const reply = (id: string, siteId = 's1'): SavedReply => ({
  id,
  siteId,
  shortcut: id,
  title: `Title ${id}`,
  body: `Body ${id}`,
  updatedAt: '2026-03-12T12:00:00.000Z',
});

type Answer = ClientResult<{ replies: SavedReply[] }>;

/** An API whose answers the test releases one by one, in any order. */
function fakeApi() {
  const calls: { siteId: string; answer: (result: Answer) => void }[] = [];
  const api = {
    listSavedReplies: (siteId: string) => new Promise<Answer>((resolve) => calls.push({ siteId, answer: resolve })),
  };
  return { api, calls };
}

const ok = (replies: SavedReply[]): Answer => ({ ok: true, data: { replies } });
const failed: Answer = { ok: false, error: { code: 'network', message: 'offline' } };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSavedReplies', () => {
  it("fetches a site's replies the first time they are asked for, and only then", async () => {
    const { api, calls } = fakeApi();
    const saved = createSavedReplies(api);
    expect(calls).toHaveLength(0);
    const replies = saved.repliesFor('s1');
    expect(replies.value).toEqual([]);
    expect(saved.repliesFor('s1')).toBe(replies);
    expect(calls.map((c) => c.siteId)).toEqual(['s1']);
    calls[0]?.answer(ok([reply('a')]));
    await settle();
    expect(replies.value).toEqual([reply('a')]);
    saved.repliesFor('s1');
    expect(calls).toHaveLength(1);
  });

  it('keeps each site apart', async () => {
    const { api, calls } = fakeApi();
    const saved = createSavedReplies(api);
    const one = saved.repliesFor('s1');
    const two = saved.repliesFor('s2');
    calls[1]?.answer(ok([reply('b', 's2')]));
    calls[0]?.answer(ok([reply('a', 's1')]));
    await settle();
    expect(one.value.map((r) => r.id)).toEqual(['a']);
    expect(two.value.map((r) => r.id)).toEqual(['b']);
  });

  it('reload fetches again and updates the same signal', async () => {
    const { api, calls } = fakeApi();
    const saved = createSavedReplies(api);
    const replies = saved.repliesFor('s1');
    calls[0]?.answer(ok([reply('a')]));
    await settle();
    const reloaded = saved.reload('s1');
    calls[1]?.answer(ok([reply('a'), reply('b')]));
    await reloaded;
    expect(replies.value.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('keeps only the newest answer when two fetches overlap', async () => {
    const { api, calls } = fakeApi();
    const saved = createSavedReplies(api);
    const replies = saved.repliesFor('s1');
    void saved.reload('s1');
    calls[1]?.answer(ok([reply('new')]));
    await settle();
    calls[0]?.answer(ok([reply('old')]));
    await settle();
    expect(replies.value.map((r) => r.id)).toEqual(['new']);
  });

  it('after a failed fetch keeps what it had and tries again when next asked', async () => {
    const { api, calls } = fakeApi();
    const saved = createSavedReplies(api);
    const replies = saved.repliesFor('s1');
    calls[0]?.answer(failed);
    await settle();
    expect(replies.value).toEqual([]);
    expect(saved.repliesFor('s1')).toBe(replies);
    expect(calls).toHaveLength(2);
    saved.repliesFor('s1');
    expect(calls).toHaveLength(2); // one retry at a time
    calls[1]?.answer(ok([reply('a')]));
    await settle();
    expect(replies.value.map((r) => r.id)).toEqual(['a']);
  });
});
