import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Store, StoreConflictError, StoreNotFoundError } from './store.ts';

/** A fresh, empty database for one test. */
export interface StoreFixture {
  store: Store;
  /** Opens another store on the same database (used to check that data survives a restart). */
  reopen: () => Promise<Store>;
  /** Closes every store the fixture opened and deletes the database. */
  cleanup: () => Promise<void>;
}

/** Fixed instants; the store never reads the clock. */
const T0 = Date.parse('2025-03-01T09:00:00.000Z');
function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString();
}

function clientId(n: number | string): string {
  return `client-${String(n).padStart(4, '0')}`;
}

/**
 * The rules of server/storage/SPEC.md, run against one backend. Each test gets a fresh, migrated database.
 *
 * @example
 * describeStoreContract('sqlite', async () => { const dir = ...; return { store, reopen, cleanup } });
 */
export function describeStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
      await store.migrate();
    });
    afterEach(async () => {
      await fixture?.cleanup();
    });

    async function seedSite(key = 'shop') {
      return store.ensureSite({ key, name: `Site ${key}`, now: at(0) });
    }
    async function seedConversation(siteKey = 'shop', token = 'visitor-token-hash') {
      const site = await seedSite(siteKey);
      const visitor = await store.createVisitor({ siteId: site.id, tokenHash: token, displayName: 'Quiet Heron', now: at(1) });
      const conversation = await store.ensureVisitorConversation({ siteId: site.id, visitorId: visitor.id, now: at(2) });
      return { site, visitor, conversation };
    }
    async function seedOperator(email = 'jana@example.com', name = 'Jana Nováková') {
      return store.createOperator({ email, name, passwordHash: 'scrypt$hash', now: at(0) });
    }
    function visitorMessage(conversationId: string, n: number | string, minute = 10) {
      return { conversationId, clientId: clientId(n), author: 'visitor' as const, operatorId: null, body: `message ${n}`, now: at(minute) };
    }

    describe('schema and lifecycle', () => {
      it('[ST1] migrate creates the schema and running it again changes nothing', async () => {
        await store.migrate();
        await store.migrate();
        const { conversation } = await seedConversation();
        const { message } = await store.appendMessage(visitorMessage(conversation.id, 1));
        await store.migrate();
        expect((await store.listMessages(conversation.id, { afterSeq: 0, limit: 10 })).messages).toEqual([message]);
      });

      it('[ST3] data survives close and reopen', async () => {
        const operator = await seedOperator();
        const { site, visitor, conversation } = await seedConversation();
        const { message } = await store.appendMessage(visitorMessage(conversation.id, 1));
        await store.markSeen({ conversationId: conversation.id, by: 'operator', upToSeq: 1 });
        await store.close();

        const reopened = await fixture.reopen();
        await reopened.migrate();
        expect(await reopened.getSiteByKey('shop')).toEqual(site);
        expect(await reopened.getOperatorByEmail(operator.email)).toEqual(operator);
        expect(await reopened.getVisitorByToken(site.id, visitor.tokenHash)).toEqual(visitor);
        expect(await reopened.getVisitorConversation(visitor.id)).toEqual({ ...conversation, lastSeq: 1, operatorSeenSeq: 1 });
        expect((await reopened.listMessages(conversation.id, { afterSeq: 0, limit: 10 })).messages).toEqual([message]);
        const next = await reopened.appendMessage(visitorMessage(conversation.id, 2));
        expect(next.message.seq).toBe(2);
      });

      it('[ST4] ping answers, close waits for running work and is idempotent, later calls reject', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
        const { conversation } = await seedConversation();
        const appends = Array.from({ length: 20 }, (_, i) => store.appendMessage(visitorMessage(conversation.id, i)));
        await Promise.all([store.close(), store.close()]);
        const results = await Promise.all(appends);
        expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        await expect(store.ping()).rejects.toThrow();
      });
    });

    describe('sites, operators, sessions', () => {
      it('[ST5] ensureSite returns the same site for the same key and keeps the first name', async () => {
        const first = await store.ensureSite({ key: 'shop', name: 'Pekárna', now: at(0) });
        const again = await store.ensureSite({ key: 'shop', name: 'Renamed', now: at(5) });
        const [c1, c2] = await Promise.all([
          store.ensureSite({ key: 'other', name: 'Other', now: at(0) }),
          store.ensureSite({ key: 'other', name: 'Other', now: at(0) }),
        ]);
        expect(again).toEqual(first);
        expect(first).toEqual({ id: first.id, key: 'shop', name: 'Pekárna' });
        expect(c1).toEqual(c2);
        expect(await store.getSiteByKey('shop')).toEqual(first);
        expect(await store.getSiteById(first.id)).toEqual(first);
        expect(await store.getSiteByKey('nope')).toBeUndefined();
        expect(await store.getSiteById('nope')).toBeUndefined();
      });

      it('[ST6] operator e-mails are unique case-insensitively and stored lowercased', async () => {
        expect(await store.countOperators()).toBe(0);
        const operator = await seedOperator('Jana.Novakova@Example.COM');
        expect(operator.email).toBe('jana.novakova@example.com');
        await expect(seedOperator('JANA.NOVAKOVA@example.com', 'Someone else')).rejects.toBeInstanceOf(StoreConflictError);
        expect(await store.getOperatorByEmail('jana.NOVAKOVA@example.com')).toEqual(operator);
        expect(await store.getOperatorById(operator.id)).toEqual(operator);
        expect(await store.getOperatorByEmail('petr@example.com')).toBeUndefined();
        expect(await store.getOperatorById('nope')).toBeUndefined();
        await seedOperator('petr@example.com', 'Petr');
        expect(await store.countOperators()).toBe(2);
      });

      it('[ST7] addOperatorToSite is idempotent and membership is reported per site', async () => {
        const operator = await seedOperator();
        const shop = await seedSite('shop');
        const blog = await seedSite('blog');
        await store.addOperatorToSite({ operatorId: operator.id, siteId: shop.id, role: 'owner' });
        await store.addOperatorToSite({ operatorId: operator.id, siteId: shop.id, role: 'operator' });
        expect(await store.listSitesOfOperator(operator.id)).toEqual([shop]);
        expect(await store.isOperatorOfSite(operator.id, shop.id)).toBe(true);
        expect(await store.isOperatorOfSite(operator.id, blog.id)).toBe(false);
        await expect(store.addOperatorToSite({ operatorId: 'nope', siteId: shop.id, role: 'owner' })).rejects.toBeInstanceOf(
          StoreNotFoundError,
        );
        await expect(store.addOperatorToSite({ operatorId: operator.id, siteId: 'nope', role: 'owner' })).rejects.toBeInstanceOf(
          StoreNotFoundError,
        );
      });

      it('[ST8] sessions are returned only until they expire; touch extends, delete removes', async () => {
        const operator = await seedOperator();
        const session = { tokenHash: 'a'.repeat(64), operatorId: operator.id, createdAt: at(0), expiresAt: at(60) };
        await store.createSession(session);
        expect(await store.getSession(session.tokenHash, at(59))).toEqual(session);
        expect(await store.getSession(session.tokenHash, at(60))).toBeUndefined();
        expect(await store.getSession(session.tokenHash, at(61))).toBeUndefined();
        await store.touchSession(session.tokenHash, at(120));
        expect(await store.getSession(session.tokenHash, at(61))).toEqual({ ...session, expiresAt: at(120) });
        await store.deleteSession(session.tokenHash);
        expect(await store.getSession(session.tokenHash, at(61))).toBeUndefined();
        expect(await store.getSession('b'.repeat(64), at(0))).toBeUndefined();
        await expect(store.createSession({ ...session, operatorId: 'nope' })).rejects.toBeInstanceOf(StoreNotFoundError);
      });
    });

    describe('visitors and conversations', () => {
      it('[ST9] visitor lookup is scoped to the site', async () => {
        const shop = await seedSite('shop');
        const blog = await seedSite('blog');
        const visitor = await store.createVisitor({ siteId: shop.id, tokenHash: 'token-1', displayName: 'Quiet Heron', now: at(0) });
        expect(await store.getVisitorByToken(shop.id, 'token-1')).toEqual(visitor);
        expect(await store.getVisitorByToken(blog.id, 'token-1')).toBeUndefined();
        const onBlog = await store.createVisitor({ siteId: blog.id, tokenHash: 'token-1', displayName: 'Bold Lynx', now: at(0) });
        expect(onBlog.id).not.toBe(visitor.id);
        expect(await store.getVisitorByToken(blog.id, 'token-1')).toEqual(onBlog);
        await expect(
          store.createVisitor({ siteId: shop.id, tokenHash: 'token-1', displayName: 'Again', now: at(0) }),
        ).rejects.toBeInstanceOf(StoreConflictError);
        await expect(
          store.createVisitor({ siteId: 'nope', tokenHash: 'token-2', displayName: 'Nobody', now: at(0) }),
        ).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('[ST10] a visitor has one conversation, even with 10 concurrent ensureVisitorConversation calls', async () => {
        const shop = await seedSite('shop');
        const blog = await seedSite('blog');
        const visitor = await store.createVisitor({ siteId: shop.id, tokenHash: 'token-1', displayName: 'Quiet Heron', now: at(0) });
        expect(await store.getVisitorConversation(visitor.id)).toBeUndefined();
        const conversations = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store.ensureVisitorConversation({ siteId: shop.id, visitorId: visitor.id, now: at(i) })),
        );
        expect(new Set(conversations.map((c) => c.id)).size).toBe(1);
        const [conversation] = conversations;
        expect(conversation).toEqual({ id: conversation?.id, lastSeq: 0, visitorSeenSeq: 0, operatorSeenSeq: 0 });
        expect(await store.getVisitorConversation(visitor.id)).toEqual(conversation);
        expect(await store.ensureVisitorConversation({ siteId: shop.id, visitorId: visitor.id, now: at(30) })).toEqual(conversation);
        expect(await store.listConversations([shop.id], { limit: 10 })).toHaveLength(1);
        await expect(store.ensureVisitorConversation({ siteId: blog.id, visitorId: visitor.id, now: at(0) })).rejects.toBeInstanceOf(
          StoreNotFoundError,
        );
        await expect(store.ensureVisitorConversation({ siteId: shop.id, visitorId: 'nope', now: at(0) })).rejects.toBeInstanceOf(
          StoreNotFoundError,
        );
      });
    });

    describe('messages', () => {
      it('[ST11] appendMessage assigns seq 1..N in call order and updates the conversation', async () => {
        const { conversation } = await seedConversation();
        for (let n = 1; n <= 5; n += 1) {
          const result = await store.appendMessage(visitorMessage(conversation.id, n, 10 + n));
          expect(result.created).toBe(true);
          expect(result.message).toEqual({
            id: result.message.id,
            conversationId: conversation.id,
            seq: n,
            clientId: clientId(n),
            author: 'visitor',
            operatorId: null,
            authorName: null,
            body: `message ${n}`,
            createdAt: at(10 + n),
          });
        }
        const summary = await store.getConversationSummary(conversation.id);
        expect(summary?.lastSeq).toBe(5);
        expect(summary?.updatedAt).toBe(at(15));
        expect(await store.getVisitorConversation(summary?.visitorId ?? '')).toMatchObject({ lastSeq: 5 });
      });

      it('[ST12] 50 concurrent appends get exactly seqs 1..50', async () => {
        const { conversation } = await seedConversation();
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.appendMessage(visitorMessage(conversation.id, i))));
        expect(results.every((r) => r.created)).toBe(true);
        const expected = Array.from({ length: 50 }, (_, i) => i + 1);
        expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(expected);
        const page = await store.listMessages(conversation.id, { afterSeq: 0, limit: 100 });
        expect(page.messages.map((m) => m.seq)).toEqual(expected);
        // What each call returned is what was stored.
        const stored = new Map(page.messages.map((m) => [m.clientId, m]));
        for (const { message } of results) expect(stored.get(message.clientId)).toEqual(message);
      });

      it('[ST13] a reader resuming from "seq > last seen" during concurrent appends never skips a message', async () => {
        const { conversation } = await seedConversation();
        const total = 60;
        const seen: number[] = [];
        let writing = true;
        const reader = (async () => {
          let last = 0;
          while (writing || last < total) {
            const page = await store.listMessages(conversation.id, { afterSeq: last, limit: 7 });
            for (const message of page.messages) seen.push(message.seq);
            last = page.messages.at(-1)?.seq ?? last;
            if (page.messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
          }
        })();
        await Promise.all(Array.from({ length: total }, (_, i) => store.appendMessage(visitorMessage(conversation.id, i))));
        writing = false;
        await reader;
        expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      });

      it('[ST14] a repeated clientId returns the stored message and creates nothing', async () => {
        const { conversation } = await seedConversation();
        const first = await store.appendMessage(visitorMessage(conversation.id, 1, 10));
        await store.appendMessage(visitorMessage(conversation.id, 2, 11));
        const repeat = await store.appendMessage({ ...visitorMessage(conversation.id, 1, 20), body: 'edited on retry' });
        expect(repeat).toEqual({ message: first.message, created: false });
        const summary = await store.getConversationSummary(conversation.id);
        expect(summary?.lastSeq).toBe(2);
        expect(summary?.updatedAt).toBe(at(11));
        expect((await store.listMessages(conversation.id, { afterSeq: 0, limit: 10 })).messages).toHaveLength(2);
      });

      it('[ST15] the same clientId sent 10 times concurrently is stored once and every call returns it', async () => {
        const { conversation } = await seedConversation();
        const results = await Promise.all(Array.from({ length: 10 }, () => store.appendMessage(visitorMessage(conversation.id, 'same'))));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const [stored] = (await store.listMessages(conversation.id, { afterSeq: 0, limit: 10 })).messages;
        expect(stored?.seq).toBe(1);
        for (const result of results) expect(result.message).toEqual(stored);
        expect((await store.getConversationSummary(conversation.id))?.lastSeq).toBe(1);
      });

      it('[ST15] concurrent appends with repeated clientIds store each clientId once, gap-free (property)', async () => {
        const { site } = await seedConversation();
        let visitorCount = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 25 }), async (ids) => {
            visitorCount += 1;
            const visitor = await store.createVisitor({ siteId: site.id, tokenHash: `prop-${visitorCount}`, displayName: 'P', now: at(0) });
            const conversation = await store.ensureVisitorConversation({ siteId: site.id, visitorId: visitor.id, now: at(0) });
            const results = await Promise.all(ids.map((id) => store.appendMessage(visitorMessage(conversation.id, id))));
            const distinct = new Set(ids).size;
            const page = await store.listMessages(conversation.id, { afterSeq: 0, limit: 100 });
            expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: distinct }, (_, i) => i + 1));
            expect(results.filter((r) => r.created)).toHaveLength(distinct);
            const byClientId = new Map(page.messages.map((m) => [m.clientId, m]));
            for (const { message } of results) expect(byClientId.get(message.clientId)).toEqual(message);
          }),
          { numRuns: 15 },
        );
      });

      it('[ST16] a clientId is scoped to its conversation', async () => {
        const a = await seedConversation('shop', 'token-a');
        const b = await seedConversation('shop', 'token-b');
        const inA = await store.appendMessage(visitorMessage(a.conversation.id, 'shared'));
        const inB = await store.appendMessage({ ...visitorMessage(b.conversation.id, 'shared'), body: 'in b' });
        expect(inB.created).toBe(true);
        expect(inB.message.id).not.toBe(inA.message.id);
        expect(inB.message).toMatchObject({ conversationId: b.conversation.id, seq: 1, body: 'in b' });
        const again = await store.appendMessage(visitorMessage(b.conversation.id, 'shared'));
        expect(again).toEqual({ message: inB.message, created: false });
        expect((await store.listMessages(a.conversation.id, { afterSeq: 0, limit: 10 })).messages).toEqual([inA.message]);
      });

      it('[ST17] operator messages carry the operator name; visitor messages have none', async () => {
        const operator = await seedOperator('jana@example.com', 'Jana Nováková');
        const { conversation } = await seedConversation();
        const fromVisitor = await store.appendMessage(visitorMessage(conversation.id, 1));
        const fromOperator = await store.appendMessage({
          conversationId: conversation.id,
          clientId: clientId(2),
          author: 'operator',
          operatorId: operator.id,
          body: 'Dobrý den, jak mohu pomoci?',
          now: at(12),
        });
        expect(fromVisitor.message.authorName).toBeNull();
        expect(fromOperator.message).toMatchObject({ author: 'operator', operatorId: operator.id, authorName: 'Jana Nováková', seq: 2 });
        expect((await store.listMessages(conversation.id, { afterSeq: 0, limit: 10 })).messages).toEqual([
          fromVisitor.message,
          fromOperator.message,
        ]);
        const base = { conversationId: conversation.id, body: 'x', now: at(13) };
        await expect(
          store.appendMessage({ ...base, clientId: clientId(3), author: 'operator', operatorId: 'nope' }),
        ).rejects.toBeInstanceOf(StoreNotFoundError);
        await expect(store.appendMessage({ ...base, clientId: clientId(4), author: 'operator', operatorId: null })).rejects.toThrow(
          TypeError,
        );
        await expect(
          store.appendMessage({ ...base, clientId: clientId(5), author: 'visitor', operatorId: operator.id }),
        ).rejects.toThrow(TypeError);
        expect((await store.getConversationSummary(conversation.id))?.lastSeq).toBe(2);
      });

      it('[ST18] an unknown conversation is StoreNotFoundError', async () => {
        await expect(store.appendMessage(visitorMessage('nope', 1))).rejects.toBeInstanceOf(StoreNotFoundError);
        await expect(store.listMessages('nope', { afterSeq: 0, limit: 10 })).rejects.toBeInstanceOf(StoreNotFoundError);
        await expect(store.markSeen({ conversationId: 'nope', by: 'visitor', upToSeq: 1 })).rejects.toBeInstanceOf(StoreNotFoundError);
        expect(await store.getConversationSummary('nope')).toBeUndefined();
      });

      it('[ST19] listMessages pages oldest first with hasMore', async () => {
        const { conversation } = await seedConversation();
        expect(await store.listMessages(conversation.id, { afterSeq: 0, limit: 2 })).toEqual({ messages: [], hasMore: false });
        for (let n = 1; n <= 5; n += 1) await store.appendMessage(visitorMessage(conversation.id, n));
        const seqsOf = async (afterSeq: number, limit: number) => {
          const page = await store.listMessages(conversation.id, { afterSeq, limit });
          return { seqs: page.messages.map((m) => m.seq), hasMore: page.hasMore };
        };
        expect(await seqsOf(0, 2)).toEqual({ seqs: [1, 2], hasMore: true });
        expect(await seqsOf(2, 2)).toEqual({ seqs: [3, 4], hasMore: true });
        expect(await seqsOf(4, 2)).toEqual({ seqs: [5], hasMore: false });
        expect(await seqsOf(3, 2)).toEqual({ seqs: [4, 5], hasMore: false });
        expect(await seqsOf(5, 2)).toEqual({ seqs: [], hasMore: false });
        expect(await seqsOf(0, 5)).toEqual({ seqs: [1, 2, 3, 4, 5], hasMore: false });
      });

      it('[ST20] markSeen never lowers a mark and never exceeds the last seq', async () => {
        const { conversation } = await seedConversation();
        const mark = (by: 'visitor' | 'operator', upToSeq: number) => store.markSeen({ conversationId: conversation.id, by, upToSeq });
        expect(await mark('operator', 3)).toBe(0);
        for (let n = 1; n <= 5; n += 1) await store.appendMessage(visitorMessage(conversation.id, n));
        expect(await mark('operator', 3)).toBe(3);
        expect(await mark('operator', 2)).toBe(3);
        expect(await mark('operator', 99)).toBe(5);
        expect(await mark('operator', -1)).toBe(5);
        expect(await mark('visitor', 4)).toBe(4);
        expect(await store.getVisitorConversation((await store.getConversationSummary(conversation.id))?.visitorId ?? '')).toEqual({
          id: conversation.id,
          lastSeq: 5,
          visitorSeenSeq: 4,
          operatorSeenSeq: 5,
        });
      });

      it('[ST21] listConversations orders by last update, limits, and filters by site', async () => {
        const shop = await seedSite('shop');
        const blog = await seedSite('blog');
        const conversationIds: string[] = [];
        for (const [i, site] of [shop, shop, blog, shop].entries()) {
          const visitor = await store.createVisitor({ siteId: site.id, tokenHash: `token-${i}`, displayName: `Visitor ${i}`, now: at(i) });
          const conversation = await store.ensureVisitorConversation({ siteId: site.id, visitorId: visitor.id, now: at(i) });
          conversationIds.push(conversation.id);
        }
        const [c0, c1, c2, c3] = conversationIds as [string, string, string, string];
        // c0 gets the latest message, so it moves to the top.
        await store.appendMessage(visitorMessage(c0, 1, 100));
        const idsOf = async (siteIds: string[], limit: number) =>
          (await store.listConversations(siteIds, { limit })).map((summary) => summary.id);
        expect(await idsOf([shop.id], 10)).toEqual([c0, c3, c1]);
        expect(await idsOf([shop.id, blog.id], 10)).toEqual([c0, c3, c2, c1]);
        expect(await idsOf([shop.id, blog.id], 2)).toEqual([c0, c3]);
        expect(await idsOf([blog.id], 10)).toEqual([c2]);
        expect(await idsOf([], 10)).toEqual([]);
      });

      it('[ST22] summaries count unread visitor messages and preview the last message', async () => {
        const operator = await seedOperator();
        const { site, visitor, conversation } = await seedConversation();
        const [empty] = await store.listConversations([site.id], { limit: 10 });
        expect(empty).toEqual({
          id: conversation.id,
          siteId: site.id,
          visitorId: visitor.id,
          visitorName: 'Quiet Heron',
          lastSeq: 0,
          visitorSeenSeq: 0,
          operatorSeenSeq: 0,
          unreadCount: 0,
          lastMessage: null,
          replyBy: null,
          createdAt: at(2),
          updatedAt: at(2),
        });
        for (let n = 1; n <= 3; n += 1) await store.appendMessage(visitorMessage(conversation.id, n, 10 + n));
        await store.markSeen({ conversationId: conversation.id, by: 'operator', upToSeq: 1 });
        await store.appendMessage({
          conversationId: conversation.id,
          clientId: clientId(4),
          author: 'operator',
          operatorId: operator.id,
          body: 'Hned to zjistím.',
          now: at(20),
        });
        await store.appendMessage(visitorMessage(conversation.id, 5, 21));
        const summary = await store.getConversationSummary(conversation.id);
        expect(summary).toMatchObject({ lastSeq: 5, operatorSeenSeq: 1, unreadCount: 3, updatedAt: at(21) });
        expect(summary?.lastMessage).toEqual({ author: 'visitor', body: 'message 5', createdAt: at(21) });
        expect(await store.listConversations([site.id], { limit: 10 })).toEqual([summary]);
        await store.markSeen({ conversationId: conversation.id, by: 'operator', upToSeq: 5 });
        expect((await store.getConversationSummary(conversation.id))?.unreadCount).toBe(0);
      });

      it('[ST23] text round-trips exactly', async () => {
        const { conversation } = await seedConversation();
        const bodies = [
          'Dobrý den 👋🏽 — máte otevřeno? 👨‍👩‍👧‍👦 🇨🇿',
          'مرحبا، هل المتجر مفتوح اليوم؟ שלום',
          'e\u0301 n\u0303 Ž ł ß ő',
          '<script>alert("x")</script><img src=x onerror=alert(1)>',
          "'; DROP TABLE messages; -- \\ % _ \" `",
          '  leading and trailing spaces and\nnew\r\nlines\ttabs  ',
          'ž'.repeat(3999) + '!',
          '😀'.repeat(2000),
        ];
        const written = [];
        for (const [i, body] of bodies.entries()) {
          written.push((await store.appendMessage({ ...visitorMessage(conversation.id, i), body })).message);
        }
        const { messages } = await store.listMessages(conversation.id, { afterSeq: 0, limit: 100 });
        expect(messages.map((m) => m.body)).toEqual(bodies);
        expect(messages).toEqual(written);
        expect(messages.at(-1)?.body.length).toBe(4000);
        const visitor = await store.createVisitor({
          siteId: (await seedSite()).id,
          tokenHash: 'token-text',
          displayName: 'Zvědavá Liška 🦊',
          now: at(0),
        });
        expect((await store.getVisitorByToken(visitor.siteId, 'token-text'))?.displayName).toBe('Zvědavá Liška 🦊');
      });
    });

    describe('availability: settings, visitor profile, reply promises, system messages', () => {
      it('[ST24] site settings are stored as one document per site, replaced whole, read back as written', async () => {
        const site = await seedSite();
        expect(await store.getSiteSettings(site.id)).toBeUndefined();
        const first = { schedule: { timeZone: 'Europe/Prague' }, faq: [{ question: 'Čaj?', answer: '<b>ano</b> 🍵' }] };
        await store.putSiteSettings({ siteId: site.id, settings: first, now: at(1) });
        expect(await store.getSiteSettings(site.id)).toEqual({ settings: first, updatedAt: at(1) });
        await store.putSiteSettings({ siteId: site.id, settings: { other: true }, now: at(2) });
        expect(await store.getSiteSettings(site.id)).toEqual({ settings: { other: true }, updatedAt: at(2) });
        await expect(store.putSiteSettings({ siteId: 'no-such-site', settings: {}, now: at(3) })).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('[ST25] a visitor profile update sets only the given fields, and the inbox shows the given name', async () => {
        const { visitor, conversation } = await seedConversation();
        expect(await store.getVisitorById(visitor.id)).toMatchObject({ name: null, email: null, timeZone: null, locale: null });
        await store.updateVisitorProfile({ visitorId: visitor.id, name: 'Anna', timeZone: 'Europe/Warsaw' });
        const updated = await store.updateVisitorProfile({ visitorId: visitor.id, email: 'anna@example.com', locale: 'pl' });
        expect(updated).toMatchObject({ name: 'Anna', email: 'anna@example.com', timeZone: 'Europe/Warsaw', locale: 'pl' });
        expect((await store.getConversationSummary(conversation.id))?.visitorName).toBe('Anna');
        await expect(store.updateVisitorProfile({ visitorId: 'nobody', name: 'x' })).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('[ST26] a reply promise keeps the earliest open deadline and is cleared by an operator answer', async () => {
        const operator = await seedOperator();
        const { conversation } = await seedConversation();
        expect((await store.getConversationSummary(conversation.id))?.replyBy).toBeNull();
        expect(await store.setReplyBy({ conversationId: conversation.id, replyBy: at(120) })).toBe(at(120));
        expect(await store.setReplyBy({ conversationId: conversation.id, replyBy: at(300) })).toBe(at(120));
        expect(await store.setReplyBy({ conversationId: conversation.id, replyBy: at(60) })).toBe(at(60));
        await store.appendMessage(visitorMessage(conversation.id, 1));
        expect((await store.getConversationSummary(conversation.id))?.replyBy).toBe(at(60));
        await store.appendMessage({ conversationId: conversation.id, clientId: clientId('op'), author: 'operator', operatorId: operator.id, body: 'On it', now: at(20) });
        expect((await store.getConversationSummary(conversation.id))?.replyBy).toBeNull();
        await expect(store.setReplyBy({ conversationId: 'nope', replyBy: at(1) })).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('[ST27] system messages take a sequence like any other, have no operator, and do not count as unread', async () => {
        const { conversation } = await seedConversation();
        await store.appendMessage(visitorMessage(conversation.id, 1));
        const { message } = await store.appendMessage({ conversationId: conversation.id, clientId: clientId('ack'), author: 'system', operatorId: null, authorName: 'Lucerna team', body: 'Thanks!', now: at(11) });
        expect(message).toMatchObject({ seq: 2, author: 'system', operatorId: null, authorName: 'Lucerna team' });
        expect((await store.listMessages(conversation.id, { afterSeq: 1, limit: 5 })).messages).toEqual([message]);
        expect(await store.getConversationSummary(conversation.id)).toMatchObject({ unreadCount: 1, lastMessage: { author: 'system', body: 'Thanks!' } });
      });

      it('[ST28] operator roles and the operators of several sites', async () => {
        const site = await seedSite('one');
        const other = await seedSite('two');
        const jana = await seedOperator('jana@example.com', 'Jana');
        const petr = await seedOperator('petr@example.com', 'Petr');
        await store.addOperatorToSite({ operatorId: jana.id, siteId: site.id, role: 'owner' });
        await store.addOperatorToSite({ operatorId: jana.id, siteId: other.id, role: 'operator' });
        await store.addOperatorToSite({ operatorId: petr.id, siteId: other.id, role: 'operator' });
        expect(await store.getOperatorRole(jana.id, site.id)).toBe('owner');
        expect(await store.getOperatorRole(petr.id, site.id)).toBeUndefined();
        expect(await store.listOperatorsOfSites([site.id, other.id])).toEqual([
          { id: jana.id, name: 'Jana', siteIds: expect.arrayContaining([site.id, other.id]) },
          { id: petr.id, name: 'Petr', siteIds: [other.id] },
        ]);
        expect(await store.listOperatorsOfSites([])).toEqual([]);
      });
    });
  });
}
