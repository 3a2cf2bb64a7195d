import fc from 'fast-check';
import { type Kysely, Migrator } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/index.ts';
import { migrationProvider } from './migrations.ts';
import { type Store, StoreConflictError, StoreNotFoundError } from './store.ts';

/** A fresh, empty database for one test. */
export interface StoreFixture {
  store: Store;
  /** Opens another store on the same database (used to check that data survives a restart). */
  reopen: () => Promise<Store>;
  /**
   * A plain kysely connection to the same database, for writing rows as an older version did (migration
   * tests); `migrationTableSchema` as the store passes it to kysely's Migrator. Closed by `cleanup`.
   */
  openDatabase: () => Promise<{ db: Kysely<any>; migrationTableSchema?: string }>;
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

      it('[ST54] createSite makes the site, its owner and its settings together, or nothing at all', async () => {
        const jana = await seedOperator();
        const site = await store.createSite({ key: 'k-new', name: 'Bakery', ownerId: jana.id, settings: { teamName: 'Jana' }, now: at(1) });
        expect(site).toEqual({ id: expect.any(String), key: 'k-new', name: 'Bakery' });
        expect(await store.getSiteByKey('k-new')).toEqual(site);
        expect(await store.getSiteById(site.id)).toEqual(site);
        expect(await store.listSitesOfOperator(jana.id)).toEqual([{ ...site, role: 'owner' }]);
        expect((await store.getSiteSettings(site.id))?.settings).toEqual({ teamName: 'Jana' });

        await expect(store.createSite({ key: 'k-new', name: 'Copy', ownerId: jana.id, settings: {}, now: at(2) })).rejects.toBeInstanceOf(StoreConflictError);
        await expect(store.createSite({ key: 'k-ghost', name: 'Ghost', ownerId: 'no-such-operator', settings: {}, now: at(2) })).rejects.toBeInstanceOf(StoreNotFoundError);
        expect(await store.getSiteByKey('k-ghost')).toBeUndefined();
        expect(await store.listSitesOfOperator(jana.id)).toEqual([{ ...site, role: 'owner' }]);
        expect((await store.getSiteSettings(site.id))?.settings).toEqual({ teamName: 'Jana' });
      });

      it('[ST59] an operator\'s notification mode is null until chosen, then the last choice; unknown operator is StoreNotFoundError', async () => {
        const jana = await seedOperator();
        const petr = await seedOperator('petr@example.com', 'Petr');
        expect(await store.getNotificationMode(jana.id)).toBeNull();
        await store.setNotificationMode({ operatorId: jana.id, mode: 'digest' });
        await store.setNotificationMode({ operatorId: jana.id, mode: 'off' });
        expect(await store.getNotificationMode(jana.id)).toBe('off');
        expect(await store.getNotificationMode(petr.id)).toBeNull();
        expect(await store.getNotificationMode('no-such-operator')).toBeNull();
        await expect(store.setNotificationMode({ operatorId: 'no-such-operator', mode: 'each' })).rejects.toBeInstanceOf(StoreNotFoundError);
        const reopened = await fixture.reopen();
        expect(await reopened.getNotificationMode(jana.id)).toBe('off');
      });

      it('[ST56] renameSite changes the name only, and an unknown site is StoreNotFoundError', async () => {
        const jana = await seedOperator();
        const site = await store.createSite({ key: 'k-old', name: 'Bakery', ownerId: jana.id, settings: {}, now: at(1) });
        const renamed = await store.renameSite({ id: site.id, name: 'Bakery Novák' });
        expect(renamed).toEqual({ id: site.id, key: 'k-old', name: 'Bakery Novák' });
        expect(await store.getSiteByKey('k-old')).toEqual(renamed);
        expect(await store.listSitesOfOperator(jana.id)).toEqual([{ ...renamed, role: 'owner' }]);
        await expect(store.renameSite({ id: 'no-such-site', name: 'x' })).rejects.toBeInstanceOf(StoreNotFoundError);
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

      it('[ST7] addOperatorToSite is idempotent, sets the role, and membership is reported per site', async () => {
        const operator = await seedOperator();
        const other = await seedOperator('petr@example.com', 'Petr');
        const shop = await seedSite('shop');
        const blog = await seedSite('blog');
        await store.addOperatorToSite({ operatorId: operator.id, siteId: shop.id, role: 'owner' });
        await store.addOperatorToSite({ operatorId: operator.id, siteId: shop.id, role: 'owner' });
        expect(await store.listSitesOfOperator(operator.id)).toEqual([{ ...shop, role: 'owner' }]);
        // The last owner cannot be made an operator; once there is another owner, they can.
        await expect(store.addOperatorToSite({ operatorId: operator.id, siteId: shop.id, role: 'operator' })).rejects.toBeInstanceOf(
          StoreConflictError,
        );
        await store.addOperatorToSite({ operatorId: other.id, siteId: shop.id, role: 'owner' });
        await store.addOperatorToSite({ operatorId: operator.id, siteId: shop.id, role: 'operator' });
        await store.addOperatorToSite({ operatorId: operator.id, siteId: blog.id, role: 'owner' });
        // By name: "Site blog" before "Site shop".
        expect(await store.listSitesOfOperator(operator.id)).toEqual([
          { ...blog, role: 'owner' },
          { ...shop, role: 'operator' },
        ]);
        expect(await store.isOperatorOfSite(operator.id, shop.id)).toBe(true);
        expect(await store.isOperatorOfSite(other.id, blog.id)).toBe(false);
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
        expect(conversation).toEqual({
          id: conversation?.id,
          lastSeq: 0,
          visitorSeenSeq: 0,
          operatorSeenSeq: 0,
          status: 'open',
          updateBy: null,
          rating: null,
        });
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
        expect(repeat).toEqual({ message: first.message, created: false, reopened: null });
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
        expect(again).toEqual({ message: inB.message, created: false, reopened: null });
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
          status: 'open',
          updateBy: null,
          rating: null,
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
          visitorEmail: null,
          status: 'open',
          resolvedAt: null,
          assigneeId: null,
          assigneeName: null,
          updateBy: null,
          followUpAt: null,
          rating: null,
          lastVisitorMessageAt: null,
          lastOperatorMessageAt: null,
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

    describe('console: conversation state, events, team, visitor context, search, saved replies', () => {
      function operatorMessage(conversationId: string, operatorId: string, n: number | string, minute: number) {
        return { conversationId, clientId: clientId(`op-${n}`), author: 'operator' as const, operatorId, body: `answer ${n}`, now: at(minute) };
      }
      function systemMessage(conversationId: string, n: number | string, minute: number) {
        return { conversationId, clientId: clientId(`sys-${n}`), author: 'system' as const, operatorId: null, authorName: 'Team', body: 'Thanks!', now: at(minute) };
      }
      async function seedTeam() {
        const { site, visitor, conversation } = await seedConversation();
        const jana = await seedOperator('jana@example.com', 'Jana');
        const petr = await seedOperator('petr@example.com', 'Petr');
        await store.addOperatorToSite({ operatorId: jana.id, siteId: site.id, role: 'owner' });
        await store.addOperatorToSite({ operatorId: petr.id, siteId: site.id, role: 'operator' });
        return { site, visitor, conversation, jana, petr };
      }

      it('[ST29] a visitor message on a resolved conversation reopens it in the same write, keeping the assignee', async () => {
        const { visitor, conversation, jana, petr } = await seedTeam();
        await store.appendMessage(visitorMessage(conversation.id, 1, 10));
        await store.assignConversation({ conversationId: conversation.id, operatorId: jana.id, assigneeId: petr.id, note: null, now: at(11) });
        await store.resolveConversation({ conversationId: conversation.id, operatorId: petr.id, followUpAt: null, now: at(12) });

        // Operator and system messages leave it resolved.
        const fromOperator = await store.appendMessage(operatorMessage(conversation.id, petr.id, 1, 13));
        const fromSystem = await store.appendMessage(systemMessage(conversation.id, 1, 14));
        expect([fromOperator.reopened, fromSystem.reopened]).toEqual([null, null]);
        expect(await store.getConversationSummary(conversation.id)).toMatchObject({ status: 'resolved', resolvedAt: at(12) });

        const again = await store.appendMessage(visitorMessage(conversation.id, 2, 20));
        expect(again.created).toBe(true);
        expect(again.reopened).toEqual({
          id: expect.any(String),
          conversationId: conversation.id,
          kind: 'reopened',
          clientId: null,
          operatorId: null,
          operatorName: null,
          targetOperatorId: null,
          targetOperatorName: null,
          body: null,
          at: null,
          rating: null,
          createdAt: at(20),
        });
        expect(await store.getConversationSummary(conversation.id)).toMatchObject({
          status: 'open',
          resolvedAt: null,
          assigneeId: petr.id,
          assigneeName: 'Petr',
        });
        expect((await store.getVisitorConversation(visitor.id))?.status).toBe('open');
        expect((await store.listConversationEvents(conversation.id)).map((e) => e.kind)).toEqual(['assigned', 'resolved', 'reopened']);

        // A retry of the same message changes nothing, and a message on an open conversation reopens nothing.
        expect(await store.appendMessage(visitorMessage(conversation.id, 2, 21))).toEqual({ message: again.message, created: false, reopened: null });
        expect((await store.appendMessage(visitorMessage(conversation.id, 3, 22))).reopened).toBeNull();
        expect(await store.listConversationEvents(conversation.id)).toHaveLength(3);
      });

      it('[ST30] an operator message keeps the reply and "update by" promises and clears a follow-up only once it is due', async () => {
        const { visitor, conversation, jana } = await seedTeam();
        await store.appendMessage(visitorMessage(conversation.id, 1, 10));
        await store.setReplyBy({ conversationId: conversation.id, replyBy: at(60) });
        await store.setUpdatePromise({ conversationId: conversation.id, operatorId: jana.id, at: at(600), note: 'Checking the stock', now: at(11) });
        await store.setFollowUp({ conversationId: conversation.id, operatorId: jana.id, at: at(30), now: at(12) });

        // A visitor's or the system's message keeps every promise.
        await store.appendMessage(visitorMessage(conversation.id, 2, 13));
        await store.appendMessage(systemMessage(conversation.id, 1, 14));
        expect(await store.getConversationSummary(conversation.id)).toMatchObject({
          replyBy: at(60),
          updateBy: { at: at(600), operatorId: jana.id, operatorName: 'Jana', note: 'Checking the stock', setAt: at(11) },
          followUpAt: at(30),
        });

        // Before the follow-up is due, an answer keeps it; the promises are kept (cleared) by it.
        await store.appendMessage(operatorMessage(conversation.id, jana.id, 1, 20));
        expect(await store.getConversationSummary(conversation.id)).toMatchObject({ replyBy: null, updateBy: null, followUpAt: at(30) });
        expect((await store.getVisitorConversation(visitor.id))?.updateBy).toBeNull();

        // At the follow-up instant it is due: the next answer is the check-in, and clears it.
        await store.appendMessage(operatorMessage(conversation.id, jana.id, 2, 30));
        expect((await store.getConversationSummary(conversation.id))?.followUpAt).toBeNull();
      });

      it('[ST31] messages move their side\'s lastVisitorMessageAt / lastOperatorMessageAt; system messages move neither', async () => {
        const { conversation, jana } = await seedTeam();
        const times = async () => {
          const summary = await store.getConversationSummary(conversation.id);
          return [summary?.lastVisitorMessageAt, summary?.lastOperatorMessageAt];
        };
        expect(await times()).toEqual([null, null]);
        await store.appendMessage(visitorMessage(conversation.id, 1, 10));
        expect(await times()).toEqual([at(10), null]);
        await store.appendMessage(operatorMessage(conversation.id, jana.id, 1, 11));
        expect(await times()).toEqual([at(10), at(11)]);
        await store.appendMessage(systemMessage(conversation.id, 1, 12));
        await store.appendMessage(visitorMessage(conversation.id, 2, 13));
        expect(await times()).toEqual([at(13), at(11)]);
        // A retried message is not a new one.
        await store.appendMessage(operatorMessage(conversation.id, jana.id, 1, 14));
        expect(await times()).toEqual([at(13), at(11)]);
      });

      it('[ST32] resolving clears the promises and the rating; a rating needs a resolved conversation and a new resolve asks again', async () => {
        const { visitor, conversation, jana } = await seedTeam();
        await store.appendMessage(visitorMessage(conversation.id, 1, 10));
        await expect(store.rateConversation({ conversationId: conversation.id, rating: 'good', comment: null, now: at(11) })).rejects.toBeInstanceOf(
          StoreConflictError,
        );
        expect(await store.listConversationEvents(conversation.id)).toEqual([]);

        await store.setReplyBy({ conversationId: conversation.id, replyBy: at(60) });
        await store.setUpdatePromise({ conversationId: conversation.id, operatorId: jana.id, at: at(600), note: null, now: at(12) });
        const resolved = await store.resolveConversation({ conversationId: conversation.id, operatorId: jana.id, followUpAt: at(4320), now: at(13) });
        expect(resolved.conversation).toMatchObject({
          status: 'resolved',
          resolvedAt: at(13),
          replyBy: null,
          updateBy: null,
          followUpAt: at(4320),
          rating: null,
          updatedAt: at(13),
        });
        expect(resolved.event).toMatchObject({ kind: 'resolved', operatorId: jana.id, operatorName: 'Jana', at: at(4320), createdAt: at(13) });

        const bad = await store.rateConversation({ conversationId: conversation.id, rating: 'bad', comment: null, now: at(14) });
        const good = await store.rateConversation({ conversationId: conversation.id, rating: 'good', comment: 'Díky! 🙂', now: at(15) });
        expect(bad.event).toMatchObject({ kind: 'rated', rating: 'bad', operatorId: null, body: null });
        expect(good.conversation.rating).toEqual({ value: 'good', comment: 'Díky! 🙂', at: at(15) });
        expect(good.event).toMatchObject({ kind: 'rated', rating: 'good', operatorId: null, operatorName: null, body: 'Díky! 🙂', createdAt: at(15) });
        expect(await store.getVisitorConversation(visitor.id)).toMatchObject({ status: 'resolved', rating: 'good' });

        // Written again: open, and the widget has nothing to rate; operators still see the last rating.
        await store.appendMessage(visitorMessage(conversation.id, 2, 20));
        expect(await store.getVisitorConversation(visitor.id)).toMatchObject({ status: 'open', rating: null });
        expect((await store.getConversationSummary(conversation.id))?.rating?.value).toBe('good');
        await expect(store.rateConversation({ conversationId: conversation.id, rating: 'bad', comment: null, now: at(21) })).rejects.toBeInstanceOf(
          StoreConflictError,
        );

        const again = await store.resolveConversation({ conversationId: conversation.id, operatorId: jana.id, followUpAt: null, now: at(22) });
        expect(again.conversation).toMatchObject({ rating: null, followUpAt: null, status: 'resolved' });
        expect(await store.getVisitorConversation(visitor.id)).toMatchObject({ status: 'resolved', rating: null });
      });

      it('[ST33] notes are idempotent by clientId; events list oldest first with the operators\' names', async () => {
        const { conversation, jana, petr } = await seedTeam();
        const note = { conversationId: conversation.id, operatorId: jana.id, clientId: clientId('note-1'), body: 'VIP customer <b>', now: at(10) };
        const first = await store.addNote(note);
        expect(first.event).toEqual({
          id: expect.any(String),
          conversationId: conversation.id,
          kind: 'note',
          clientId: clientId('note-1'),
          operatorId: jana.id,
          operatorName: 'Jana',
          targetOperatorId: null,
          targetOperatorName: null,
          body: 'VIP customer <b>',
          at: null,
          rating: null,
          createdAt: at(10),
        });
        const retried = await store.addNote({ ...note, body: 'edited on retry', now: at(11) });
        expect(retried.event).toEqual(first.event);
        const concurrent = await Promise.all(
          Array.from({ length: 5 }, () => store.addNote({ ...note, clientId: clientId('note-2'), now: at(12) })),
        );
        expect(new Set(concurrent.map((c) => c.event.id)).size).toBe(1);
        // The same clientId on another conversation is another note.
        const other = await seedConversation('shop', 'other-visitor');
        expect((await store.addNote({ ...note, conversationId: other.conversation.id })).event.id).not.toBe(first.event.id);

        const assigned = await store.assignConversation({ conversationId: conversation.id, operatorId: jana.id, assigneeId: petr.id, note: 'Yours, he asked about returns', now: at(13) });
        expect(assigned.conversation).toMatchObject({ assigneeId: petr.id, assigneeName: 'Petr' });
        expect(assigned.event).toMatchObject({ kind: 'assigned', operatorName: 'Jana', targetOperatorId: petr.id, targetOperatorName: 'Petr', body: 'Yours, he asked about returns' });
        const toTeam = await store.assignConversation({ conversationId: conversation.id, operatorId: petr.id, assigneeId: null, note: null, now: at(14) });
        expect(toTeam.conversation).toMatchObject({ assigneeId: null, assigneeName: null });
        await store.setFollowUp({ conversationId: conversation.id, operatorId: petr.id, at: at(100), now: at(15) });
        await store.reopenConversation({ conversationId: conversation.id, operatorId: petr.id, clearAssignee: false, now: at(16) });

        const events = await store.listConversationEvents(conversation.id);
        expect(events.map((e) => [e.kind, e.operatorName, e.targetOperatorName, e.createdAt])).toEqual([
          ['note', 'Jana', null, at(10)],
          ['note', 'Jana', null, at(12)],
          ['assigned', 'Jana', 'Petr', at(13)],
          ['assigned', 'Petr', null, at(14)],
          ['follow_up_set', 'Petr', null, at(15)],
          ['reopened', 'Petr', null, at(16)],
        ]);
        expect(await store.listConversationEvents(other.conversation.id)).toHaveLength(1);
      });

      it('[ST33] state changes on an unknown conversation or by an unknown operator are StoreNotFoundError and write nothing', async () => {
        const { conversation, jana } = await seedTeam();
        const nope = 'nope';
        const base = { operatorId: jana.id, now: at(10) };
        for (const attempt of [
          () => store.listConversationEvents(nope),
          () => store.addNote({ ...base, conversationId: nope, clientId: clientId('n'), body: 'x' }),
          () => store.assignConversation({ ...base, conversationId: nope, assigneeId: null, note: null }),
          () => store.resolveConversation({ ...base, conversationId: nope, followUpAt: null }),
          () => store.reopenConversation({ ...base, conversationId: nope, clearAssignee: false }),
          () => store.setUpdatePromise({ ...base, conversationId: nope, at: at(20), note: null }),
          () => store.setFollowUp({ ...base, conversationId: nope, at: at(20) }),
          () => store.rateConversation({ conversationId: nope, rating: 'good', comment: null, now: at(10) }),
          () => store.addNote({ ...base, conversationId: conversation.id, operatorId: nope, clientId: clientId('n'), body: 'x' }),
          () => store.assignConversation({ ...base, conversationId: conversation.id, assigneeId: nope, note: null }),
        ]) {
          await expect(attempt()).rejects.toBeInstanceOf(StoreNotFoundError);
        }
        expect(await store.listConversationEvents(conversation.id)).toEqual([]);
        expect(await store.getConversationSummary(conversation.id)).toMatchObject({ assigneeId: null, updatedAt: at(2) });
      });

      it('[ST34] the "update by" promise and follow-up are set, replaced and cleared, and the visitor sees the promise by name', async () => {
        const { visitor, conversation, jana, petr } = await seedTeam();
        const set = await store.setUpdatePromise({ conversationId: conversation.id, operatorId: jana.id, at: at(600), note: 'Asking the warehouse', now: at(10) });
        expect(set.event).toMatchObject({ kind: 'update_promised', at: at(600), body: 'Asking the warehouse', operatorName: 'Jana' });
        expect(await store.getVisitorConversation(visitor.id)).toMatchObject({
          updateBy: { at: at(600), operatorName: 'Jana', note: 'Asking the warehouse' },
        });
        await store.setUpdatePromise({ conversationId: conversation.id, operatorId: petr.id, at: at(900), note: null, now: at(11) });
        expect((await store.getConversationSummary(conversation.id))?.updateBy).toEqual({ at: at(900), operatorId: petr.id, operatorName: 'Petr', note: null, setAt: at(11) });
        const cleared = await store.setUpdatePromise({ conversationId: conversation.id, operatorId: petr.id, at: null, note: null, now: at(12) });
        expect(cleared.conversation.updateBy).toBeNull();
        expect(cleared.event).toMatchObject({ kind: 'update_promised', at: null });
        expect((await store.getVisitorConversation(visitor.id))?.updateBy).toBeNull();

        expect((await store.setFollowUp({ conversationId: conversation.id, operatorId: jana.id, at: at(100), now: at(13) })).conversation.followUpAt).toBe(at(100));
        const dismissed = await store.setFollowUp({ conversationId: conversation.id, operatorId: jana.id, at: null, now: at(14) });
        expect(dismissed.conversation.followUpAt).toBeNull();
        expect(dismissed.event).toMatchObject({ kind: 'follow_up_set', at: null });
      });

      it('[ST35] removing an operator from a site unassigns them there; the last owner stays; the last site ends the account', async () => {
        const { site, conversation, jana, petr } = await seedTeam();
        const blog = await seedSite('blog');
        await store.addOperatorToSite({ operatorId: petr.id, siteId: blog.id, role: 'owner' });
        const blogVisitor = await store.createVisitor({ siteId: blog.id, tokenHash: 'blog-visitor', displayName: 'Blue Fox', now: at(0) });
        const blogConversation = await store.ensureVisitorConversation({ siteId: blog.id, visitorId: blogVisitor.id, now: at(0) });
        await store.assignConversation({ conversationId: conversation.id, operatorId: jana.id, assigneeId: petr.id, note: null, now: at(1) });
        await store.assignConversation({ conversationId: blogConversation.id, operatorId: petr.id, assigneeId: petr.id, note: null, now: at(1) });
        const session = (hash: string, operatorId: string) => store.createSession({ tokenHash: hash, operatorId, createdAt: at(0), expiresAt: at(600) });
        await session('p1', petr.id);
        await session('p2', petr.id);
        await session('j1', jana.id);

        expect(await store.listSiteTeam(site.id)).toEqual([
          { id: jana.id, email: 'jana@example.com', name: 'Jana', role: 'owner', createdAt: at(0) },
          { id: petr.id, email: 'petr@example.com', name: 'Petr', role: 'operator', createdAt: at(0) },
        ]);
        // Jana is the shop's only owner.
        await expect(store.removeOperatorFromSite({ operatorId: jana.id, siteId: site.id, now: at(5) })).rejects.toBeInstanceOf(StoreConflictError);
        expect(await store.getOperatorRole(jana.id, site.id)).toBe('owner');
        await expect(store.removeOperatorFromSite({ operatorId: jana.id, siteId: blog.id, now: at(5) })).rejects.toBeInstanceOf(StoreNotFoundError);

        // Petr leaves the shop: unassigned there only; he keeps his account and sessions (he still has the blog).
        expect(await store.removeOperatorFromSite({ operatorId: petr.id, siteId: site.id, now: at(6) })).toEqual({ removedAccount: false });
        expect((await store.getConversationSummary(conversation.id))?.assigneeId).toBeNull();
        expect((await store.getConversationSummary(blogConversation.id))?.assigneeId).toBe(petr.id);
        expect((await store.getOperatorById(petr.id))?.removedAt).toBeNull();
        expect(await store.listSessionsOfOperator(petr.id)).toEqual(['p1', 'p2']);
        expect((await store.listSiteTeam(site.id)).map((m) => m.name)).toEqual(['Jana']);

        // Leaving the blog too needs another owner there first; then it was his last site.
        await expect(store.removeOperatorFromSite({ operatorId: petr.id, siteId: blog.id, now: at(7) })).rejects.toBeInstanceOf(StoreConflictError);
        await store.addOperatorToSite({ operatorId: jana.id, siteId: blog.id, role: 'owner' });
        expect(await store.removeOperatorFromSite({ operatorId: petr.id, siteId: blog.id, now: at(8) })).toEqual({ removedAccount: true });
        expect((await store.getOperatorById(petr.id))?.removedAt).toBe(at(8));
        expect(await store.listSessionsOfOperator(petr.id)).toEqual([]);
        expect(await store.getSession('p1', at(10))).toBeUndefined();
        expect(await store.listSessionsOfOperator(jana.id)).toEqual(['j1']);
        expect(await store.listSitesOfOperator(petr.id)).toEqual([]);
        // His name stays on what he did.
        expect((await store.listConversationEvents(conversation.id))[0]?.targetOperatorName).toBe('Petr');

        const restored = await store.restoreOperator({ operatorId: petr.id, name: 'Petr Novák', passwordHash: 'scrypt$new' });
        expect(restored).toEqual({ ...petr, name: 'Petr Novák', passwordHash: 'scrypt$new', removedAt: null });
        expect(await store.getOperatorByEmail('PETR@example.com')).toEqual(restored);
        await expect(store.restoreOperator({ operatorId: 'nope', name: 'x', passwordHash: 'y' })).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('[ST35] two owners removing each other at once: exactly one succeeds and the site keeps an owner', async () => {
        const jana = await seedOperator('jana@example.com', 'Jana');
        const petr = await seedOperator('petr@example.com', 'Petr');
        // Several sites at once, so the two removals really overlap on a pooled database.
        const sites = await Promise.all(Array.from({ length: 8 }, (_, i) => seedSite(`site-${i}`)));
        for (const site of sites) {
          await store.addOperatorToSite({ operatorId: jana.id, siteId: site.id, role: 'owner' });
          await store.addOperatorToSite({ operatorId: petr.id, siteId: site.id, role: 'owner' });
        }
        const results = await Promise.all(
          sites.map((site) =>
            Promise.allSettled([
              store.removeOperatorFromSite({ operatorId: jana.id, siteId: site.id, now: at(5) }),
              store.removeOperatorFromSite({ operatorId: petr.id, siteId: site.id, now: at(5) }),
            ]),
          ),
        );
        for (const [i, pair] of results.entries()) {
          expect(pair.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
          const rejected = pair.find((r) => r.status === 'rejected');
          expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(StoreConflictError);
          expect((await store.listSiteTeam(sites[i]?.id ?? '')).map((m) => m.role)).toEqual(['owner']);
        }
      });

      it('[ST36] a new password replaces the hash and ends every session of the operator', async () => {
        const { jana, petr } = await seedTeam();
        for (const [hash, operatorId] of [['j1', jana.id], ['j2', jana.id], ['p1', petr.id]] as const) {
          await store.createSession({ tokenHash: hash, operatorId, createdAt: at(0), expiresAt: at(600) });
        }
        expect(await store.listSessionsOfOperator(jana.id)).toEqual(['j1', 'j2']);
        await store.setOperatorPassword({ operatorId: jana.id, passwordHash: 'scrypt$changed' });
        expect((await store.getOperatorById(jana.id))?.passwordHash).toBe('scrypt$changed');
        expect(await store.listSessionsOfOperator(jana.id)).toEqual([]);
        expect(await store.getSession('j1', at(1))).toBeUndefined();
        expect(await store.listSessionsOfOperator(petr.id)).toEqual(['p1']);
        await expect(store.setOperatorPassword({ operatorId: 'nope', passwordHash: 'x' })).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('[ST37] recordVisit counts visits, takes the referrer of a new visit and keeps the pages newest first', async () => {
        const site = await seedSite();
        const created = await store.createVisitor({ siteId: site.id, tokenHash: 'visits', displayName: 'Quiet Heron', now: at(0) });
        expect(created).toMatchObject({ verified: false, userAgent: null, referrer: null, pages: [], lastSeenAt: at(0), visits: 1 });
        expect(await store.getVisitorById(created.id)).toEqual(created);
        const visit = (minute: number, extra: Partial<Parameters<Store['recordVisit']>[0]> = {}) =>
          store.recordVisit({ visitorId: created.id, now: at(minute), newVisitAfterMs: 30 * 60_000, ...extra });
        const page = (n: number) => ({ url: `https://shop.example/p/${n}`, title: `Page ${n}` });

        // The first connection, right after creation, is the first visit: it gets its referrer.
        let v = await visit(0, { referrer: 'https://search.example/?q=tea', page: page(1), userAgent: 'UA-1', timeZone: 'Europe/Prague', locale: 'cs' });
        expect(v).toMatchObject({ visits: 1, referrer: 'https://search.example/?q=tea', userAgent: 'UA-1', timeZone: 'Europe/Prague', locale: 'cs', lastSeenAt: at(0) });
        expect(v.pages).toEqual([{ ...page(1), at: at(0) }]);

        // 29 minutes later: the same visit. Another referrer does not replace it; undefined fields keep theirs.
        v = await visit(29, { referrer: 'https://other.example/', page: page(2) });
        expect(v).toMatchObject({ visits: 1, referrer: 'https://search.example/?q=tea', userAgent: 'UA-1', timeZone: 'Europe/Prague', lastSeenAt: at(29) });
        // The same URL as the newest page only refreshes its title and time.
        v = await visit(30, { page: { ...page(2), title: 'Page 2, renamed' } });
        expect(v.pages).toEqual([{ url: page(2).url, title: 'Page 2, renamed', at: at(30) }, { ...page(1), at: at(0) }]);

        // Exactly 30 minutes after the last connection: a new visit with its own referrer.
        v = await visit(60, { referrer: 'https://news.example/', userAgent: 'UA-2' });
        expect(v).toMatchObject({ visits: 2, referrer: 'https://news.example/', userAgent: 'UA-2', lastSeenAt: at(60) });
        // A new direct visit has no referrer.
        v = await visit(120);
        expect(v).toMatchObject({ visits: 3, referrer: null });
        expect(v.pages).toHaveLength(2);

        // A page seen before, but not the newest, is a new entry; the list is capped, newest first.
        for (let n = 1; n <= 25; n += 1) v = await visit(120 + n, { page: page(n % 3 === 0 ? 1 : n) });
        expect(v.pages).toHaveLength(LIMITS.pagesKept);
        expect(v.pages[0]).toEqual({ ...page(25), at: at(145) });
        expect(v.pages.map((p) => p.at)).toEqual([...v.pages.map((p) => p.at)].sort().reverse());
        expect(await store.getVisitorById(created.id)).toEqual(v);
        await expect(store.recordVisit({ visitorId: 'nope', now: at(0), newVisitAfterMs: 1 })).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('[ST37] stored pages are validated when read: rows from an older version or by hand never pass as pages', async () => {
        const site = await seedSite();
        const visitor = await store.createVisitor({ siteId: site.id, tokenHash: 'pages', displayName: 'Quiet Heron', now: at(0) });
        const { db } = await fixture.openDatabase();
        const good = { url: 'https://shop.example/', title: 'Home', at: at(0) };
        for (const [stored, expected] of [
          ['not json', []],
          ['{"url":"x"}', []],
          [JSON.stringify([good, { url: 1 }, null, { url: 'https://x', title: 't', at: 'yesterday' }]), [good]],
        ] as const) {
          await db.updateTable('visitors').set({ pages: stored }).where('id', '=', visitor.id).execute();
          expect((await store.getVisitorById(visitor.id))?.pages).toEqual(expected);
        }
        const next = await store.recordVisit({ visitorId: visitor.id, now: at(1), newVisitAfterMs: 60_000, page: { url: 'https://shop.example/tea', title: 'Tea' } });
        expect(next.pages).toEqual([{ url: 'https://shop.example/tea', title: 'Tea', at: at(1) }, good]);
      });

      it('[ST38] search ignores diacritics and case on both sides, and a query\'s % and _ match only themselves', async () => {
        const site = await seedSite();
        const conversationWith = async (token: string, bodies: string[], minute: number) => {
          const visitor = await store.createVisitor({ siteId: site.id, tokenHash: token, displayName: `Visitor ${token}`, now: at(0) });
          const conversation = await store.ensureVisitorConversation({ siteId: site.id, visitorId: visitor.id, now: at(0) });
          for (const [i, body] of bodies.entries()) await store.appendMessage({ ...visitorMessage(conversation.id, i, minute + i), body });
          return conversation.id;
        };
        const tea = await conversationWith('tea', ['Máte Zelený čaj?', 'A ještě ZELENÝ   ČAJ sypaný', 'děkuji'], 10);
        const city = await conversationWith('city', ['Doručujete do Łódź?'], 20);
        const percent = await conversationWith('percent', ['Sleva 20% na všechno'], 30);
        const plain = await conversationWith('plain', ['Sleva 205 na všechno', 'snake_case', 'snakeXcase'], 40);
        const search = async (query: string) =>
          (await store.searchConversations([site.id], query, { limit: 10 })).map((hit) => [hit.conversation.id, hit.snippet, hit.seq]);

        expect(await search('zeleny caj')).toEqual([[tea, 'A ještě ZELENÝ   ČAJ sypaný', 2]]);
        expect(await search('ZELENÝ Čaj')).toEqual([[tea, 'A ještě ZELENÝ   ČAJ sypaný', 2]]);
        expect(await search('LODZ')).toEqual([[city, 'Doručujete do Łódź?', 1]]);
        expect(await search('łódź')).toEqual([[city, 'Doručujete do Łódź?', 1]]);
        expect(await search('20%')).toEqual([[percent, 'Sleva 20% na všechno', 1]]);
        expect(await search('%')).toEqual([[percent, 'Sleva 20% na všechno', 1]]);
        expect(await search('e_c')).toEqual([[plain, 'snake_case', 2]]);
        expect(await search('!')).toEqual([]);
        expect(await search('sleva')).toEqual([
          [plain, 'Sleva 205 na všechno', 1],
          [percent, 'Sleva 20% na všechno', 1],
        ]);
        expect(await search('   ')).toEqual([]);
        expect(await store.searchConversations([site.id], 'sleva', { limit: 1 })).toHaveLength(1);
      });

      it('[ST38] search finds visitors by name and e-mail (no snippet), is scoped to the given sites and lists each conversation once', async () => {
        const { site, visitor, conversation } = await seedConversation();
        const other = await seedConversation('blog', 'blog-visitor');
        await store.updateVisitorProfile({ visitorId: visitor.id, name: 'Zuzana Dvořáková', email: 'Zuzka@Example.cz' });
        await store.updateVisitorProfile({ visitorId: other.visitor.id, name: 'Zuzana Dvořáková' });
        await store.appendMessage({ ...visitorMessage(conversation.id, 1, 10), body: 'Hello' });
        const search = async (siteIds: string[], query: string) =>
          (await store.searchConversations(siteIds, query, { limit: 10 })).map((hit) => [hit.conversation.id, hit.snippet, hit.seq]);

        expect(await search([site.id], 'dvorakova')).toEqual([[conversation.id, null, null]]);
        expect(await search([site.id], 'zuzka@example')).toEqual([[conversation.id, null, null]]);
        expect(await search([site.id], 'quiet heron')).toEqual([[conversation.id, null, null]]);
        expect(await search([site.id, other.site.id], 'DVORAKOVA')).toHaveLength(2);
        expect(await search([other.site.id], 'zuzka')).toEqual([]);
        expect(await search([], 'zuzana')).toEqual([]);
        const [hit] = await store.searchConversations([site.id], 'zuzana', { limit: 10 });
        expect(hit?.conversation).toEqual(await store.getConversationSummary(conversation.id));

        // The name changes, and so does what finds the visitor.
        await store.updateVisitorProfile({ visitorId: visitor.id, name: 'Jana' });
        expect(await search([site.id], 'dvorakova')).toEqual([]);
        expect(await search([site.id], 'zuzka')).toEqual([[conversation.id, null, null]]);
        // Both a name and messages match: the newest matching message is the snippet.
        await store.appendMessage({ ...visitorMessage(conversation.id, 2, 11), body: 'Jana again' });
        await store.appendMessage({ ...visitorMessage(conversation.id, 3, 12), body: 'Jana once more' });
        expect(await search([site.id], 'jana')).toEqual([[conversation.id, 'Jana once more', 3]]);
      });

      it('[ST39] listConversationsByEmail finds the same person\'s other conversations on the site, newest first', async () => {
        const site = await seedSite();
        const blog = await seedSite('blog');
        const conversationOf = async (siteId: string, token: string, email: string | undefined, minute: number) => {
          const visitor = await store.createVisitor({ siteId, tokenHash: token, displayName: token, now: at(minute) });
          if (email !== undefined) await store.updateVisitorProfile({ visitorId: visitor.id, email });
          return (await store.ensureVisitorConversation({ siteId, visitorId: visitor.id, now: at(minute) })).id;
        };
        const current = await conversationOf(site.id, 'a', 'anna@example.com', 1);
        const older = await conversationOf(site.id, 'b', 'ANNA@example.com', 2);
        const newer = await conversationOf(site.id, 'c', 'Anna@Example.com', 3);
        await conversationOf(site.id, 'd', 'someone@example.com', 4);
        await conversationOf(site.id, 'e', undefined, 5);
        await conversationOf(blog.id, 'f', 'anna@example.com', 6);
        const related = await store.listConversationsByEmail({ siteId: site.id, email: 'anna@example.com', excludeConversationId: current });
        expect(related.map((c) => c.id)).toEqual([newer, older]);
        expect(related[0]?.visitorEmail).toBe('Anna@Example.com');
      });

      it('[ST40] saved replies are per site, unique by shortcut, listed by shortcut, and only changed on their own site', async () => {
        const site = await seedSite();
        const blog = await seedSite('blog');
        const hours = await store.createSavedReply({ siteId: site.id, shortcut: 'opening-hours', title: 'Hours', body: 'Hi {{firstName|there}}', now: at(1) });
        const a = await store.createSavedReply({ siteId: site.id, shortcut: 'opening', title: 'Open', body: 'We are open', now: at(2) });
        const ship = await store.createSavedReply({ siteId: site.id, shortcut: 'shipping', title: 'Shipping', body: 'Free over 50 €', now: at(3) });
        expect(hours).toEqual({ id: expect.any(String), siteId: site.id, shortcut: 'opening-hours', title: 'Hours', body: 'Hi {{firstName|there}}', updatedAt: at(1) });
        await expect(store.createSavedReply({ siteId: site.id, shortcut: 'shipping', title: 'x', body: 'y', now: at(4) })).rejects.toBeInstanceOf(StoreConflictError);
        const elsewhere = await store.createSavedReply({ siteId: blog.id, shortcut: 'shipping', title: 'Blog', body: 'z', now: at(4) });
        expect(await store.listSavedReplies(site.id)).toEqual([a, hours, ship]);
        expect(await store.listSavedReplies(blog.id)).toEqual([elsewhere]);

        const updated = await store.updateSavedReply({ id: ship.id, siteId: site.id, shortcut: 'delivery', title: 'Delivery', body: 'Free', now: at(5) });
        expect(updated).toEqual({ ...ship, shortcut: 'delivery', title: 'Delivery', body: 'Free', updatedAt: at(5) });
        await expect(store.updateSavedReply({ ...updated, shortcut: 'opening', now: at(6) })).rejects.toBeInstanceOf(StoreConflictError);
        await expect(store.updateSavedReply({ ...updated, siteId: blog.id, now: at(6) })).rejects.toBeInstanceOf(StoreNotFoundError);
        await expect(store.deleteSavedReply({ id: ship.id, siteId: blog.id })).rejects.toBeInstanceOf(StoreNotFoundError);
        await expect(store.createSavedReply({ siteId: 'nope', shortcut: 'x', title: 'x', body: 'x', now: at(6) })).rejects.toBeInstanceOf(StoreNotFoundError);
        await store.deleteSavedReply({ id: ship.id, siteId: site.id });
        await expect(store.deleteSavedReply({ id: ship.id, siteId: site.id })).rejects.toBeInstanceOf(StoreNotFoundError);
        expect(await store.listSavedReplies(site.id)).toEqual([a, hours]);
        expect(await store.listSavedReplies(blog.id)).toEqual([elsewhere]);
      });

      it('[ST41] migrating data written at 0002 fills the new columns', async () => {
        const old = await makeStore();
        try {
          const { db, migrationTableSchema } = await old.openDatabase();
          const migrator = new Migrator({ db, provider: migrationProvider, ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }) });
          const { error } = await migrator.migrateTo('0002_availability');
          expect(error).toBeUndefined();

          await db.insertInto('sites').values({ id: 's1', key: 'shop', name: 'Shop', created_at: at(0) }).execute();
          await db.insertInto('operators').values({ id: 'o1', email: 'jana@example.com', name: 'Jana', password_hash: 'h', created_at: at(0) }).execute();
          await db.insertInto('operator_sites').values({ operator_id: 'o1', site_id: 's1', role: 'owner' }).execute();
          await db
            .insertInto('visitors')
            .values([
              { id: 'v1', site_id: 's1', token_hash: 't1', display_name: 'Quiet Heron', created_at: at(1), name: 'Zuzana Dvořáková', email: 'Zuzka@Example.cz' },
              { id: 'v2', site_id: 's1', token_hash: 't2', display_name: 'Blue Fox', created_at: at(2) },
            ])
            .execute();
          await db
            .insertInto('conversations')
            .values([
              { id: 'c1', site_id: 's1', visitor_id: 'v1', last_seq: 4, created_at: at(3), updated_at: at(13), reply_by: at(60) },
              { id: 'c2', site_id: 's1', visitor_id: 'v2', last_seq: 0, created_at: at(4), updated_at: at(4) },
            ])
            .execute();
          const message = (seq: number, author: string, minute: number, body: string) => ({
            id: `m${seq}`, conversation_id: 'c1', seq, client_id: clientId(seq), author, operator_id: author === 'operator' ? 'o1' : null, body, created_at: at(minute),
          });
          await db
            .insertInto('messages')
            .values([
              message(1, 'visitor', 10, 'Máte Zelený čaj?'),
              message(2, 'operator', 11, 'Ano'),
              message(3, 'visitor', 12, 'A do Łódź?'),
              message(4, 'system', 13, 'Thanks!'),
            ])
            .execute();

          const store = old.store;
          await store.migrate();
          expect(await store.getVisitorById('v1')).toMatchObject({ lastSeenAt: at(1), visits: 1, pages: [], verified: false, referrer: null, userAgent: null });
          expect(await store.getOperatorById('o1')).toMatchObject({ removedAt: null });
          expect(await store.listSitesOfOperator('o1')).toEqual([{ id: 's1', key: 'shop', name: 'Shop', role: 'owner' }]);
          expect(await store.getConversationSummary('c1')).toMatchObject({
            status: 'open',
            resolvedAt: null,
            assigneeId: null,
            updateBy: null,
            followUpAt: null,
            rating: null,
            replyBy: at(60),
            visitorEmail: 'Zuzka@Example.cz',
            lastVisitorMessageAt: at(12),
            lastOperatorMessageAt: at(11),
          });
          expect(await store.getConversationSummary('c2')).toMatchObject({ status: 'open', lastVisitorMessageAt: null, lastOperatorMessageAt: null });
          const search = async (query: string) => (await store.searchConversations(['s1'], query, { limit: 10 })).map((hit) => [hit.conversation.id, hit.seq]);
          expect(await search('zeleny caj')).toEqual([['c1', 1]]);
          expect(await search('lodz')).toEqual([['c1', 3]]);
          expect(await search('dvorakova')).toEqual([['c1', null]]);
          expect(await search('blue fox')).toEqual([['c2', null]]);
          // And it goes on working as today's rows do.
          const { reopened } = await store.appendMessage({ ...visitorMessage('c1', 5, 20) });
          expect(reopened).toBeNull();
          expect((await store.getConversationSummary('c1'))?.lastSeq).toBe(5);
        } finally {
          await old.cleanup();
        }
      });
    });

    describe('api tokens', () => {
      it('[ST42] api tokens are per site, found by their hash alone, listed oldest first without hashes, and revoked only through their own site', async () => {
        const site = await seedSite();
        const blog = await seedSite('blog');
        const backend = await store.createApiToken({ siteId: site.id, name: 'Shop backend', tokenHash: 'hash-1', now: at(1) });
        const zapier = await store.createApiToken({ siteId: site.id, name: 'Zapier', tokenHash: 'hash-2', now: at(2) });
        const other = await store.createApiToken({ siteId: blog.id, name: 'Blog', tokenHash: 'hash-3', now: at(2) });
        expect(backend).toEqual({ id: expect.any(String), name: 'Shop backend', createdAt: at(1), lastUsedAt: null });
        expect(await store.listApiTokens(site.id)).toEqual([backend, zapier]);
        expect(await store.listApiTokens(blog.id)).toEqual([other]);
        expect(await store.getApiTokenByHash('hash-2')).toEqual({ ...zapier, siteId: site.id });
        expect(await store.getApiTokenByHash('hash-3')).toEqual({ ...other, siteId: blog.id });
        expect(await store.getApiTokenByHash('no-such-hash')).toBeUndefined();

        await expect(store.createApiToken({ siteId: blog.id, name: 'Copy', tokenHash: 'hash-1', now: at(3) })).rejects.toBeInstanceOf(StoreConflictError);
        await expect(store.createApiToken({ siteId: 'nope', name: 'x', tokenHash: 'hash-4', now: at(3) })).rejects.toBeInstanceOf(StoreNotFoundError);
        await expect(store.deleteApiToken({ id: backend.id, siteId: blog.id })).rejects.toBeInstanceOf(StoreNotFoundError);
        expect(await store.getApiTokenByHash('hash-1')).toEqual({ ...backend, siteId: site.id });

        await store.deleteApiToken({ id: backend.id, siteId: site.id });
        expect(await store.getApiTokenByHash('hash-1')).toBeUndefined();
        expect(await store.listApiTokens(site.id)).toEqual([zapier]);
        await expect(store.deleteApiToken({ id: backend.id, siteId: site.id })).rejects.toBeInstanceOf(StoreNotFoundError);
        expect(await store.listApiTokens(blog.id)).toEqual([other]);
      });

      it('[ST55] markApiTokenUsed records when a token was last used; a revoked token is left alone', async () => {
        const site = await seedSite();
        const token = await store.createApiToken({ siteId: site.id, name: 'Shop backend', tokenHash: 'hash-1', now: at(1) });
        await store.markApiTokenUsed({ id: token.id, now: at(5) });
        expect(await store.listApiTokens(site.id)).toEqual([{ ...token, lastUsedAt: at(5) }]);
        await store.markApiTokenUsed({ id: token.id, now: at(9) });
        expect(await store.getApiTokenByHash('hash-1')).toEqual({ ...token, siteId: site.id, lastUsedAt: at(9) });
        await store.deleteApiToken({ id: token.id, siteId: site.id });
        await store.markApiTokenUsed({ id: token.id, now: at(10) });
        await store.markApiTokenUsed({ id: 'no-such-token', now: at(10) });
        expect(await store.listApiTokens(site.id)).toEqual([]);
      });
    });

    describe('identity verification', () => {
      it('[ST43] a site has one identity secret, replaced whole by the next one', async () => {
        const site = await seedSite();
        const blog = await seedSite('blog');
        expect(await store.getIdentitySecret(site.id)).toBeUndefined();
        expect(await store.setIdentitySecret({ siteId: site.id, secret: 'first', now: at(1) })).toEqual({ secret: 'first', createdAt: at(1) });
        await store.setIdentitySecret({ siteId: site.id, secret: 'second', now: at(2) });
        expect(await store.getIdentitySecret(site.id)).toEqual({ secret: 'second', createdAt: at(2) });
        expect(await store.getIdentitySecret(blog.id)).toBeUndefined();
        await expect(store.setIdentitySecret({ siteId: 'no-such-site', secret: 'x', now: at(3) })).rejects.toBeInstanceOf(StoreNotFoundError);
      });

      it('[ST44] a verified user id binds to one visitor per site; claims are stored but never found', async () => {
        const site = await seedSite();
        const blog = await seedSite('blog');
        const verified = await store.createVisitor({ siteId: site.id, tokenHash: 't1', displayName: 'A', now: at(1), verifiedId: 'user-42' });
        expect(verified).toMatchObject({ verified: true, verifiedId: 'user-42', claimedId: null });
        expect(await store.getVisitorByVerifiedId(site.id, 'user-42')).toEqual(verified);
        expect(await store.getVisitorByVerifiedId(blog.id, 'user-42')).toBeUndefined();
        await expect(
          store.createVisitor({ siteId: site.id, tokenHash: 't2', displayName: 'B', now: at(1), verifiedId: 'user-42' }),
        ).rejects.toBeInstanceOf(StoreConflictError);
        expect(await store.getVisitorByToken(site.id, 't2')).toBeUndefined();
        // The same user on another site is another visitor.
        await store.createVisitor({ siteId: blog.id, tokenHash: 't1', displayName: 'C', now: at(1), verifiedId: 'user-42' });

        const anonymous = await store.createVisitor({ siteId: site.id, tokenHash: 't3', displayName: 'D', now: at(2) });
        expect(anonymous).toMatchObject({ verified: false, verifiedId: null, claimedId: null });
        await expect(store.verifyVisitor({ visitorId: anonymous.id, verifiedId: 'user-42' })).rejects.toBeInstanceOf(StoreConflictError);
        expect(await store.getVisitorById(anonymous.id)).toMatchObject({ verified: false, verifiedId: null });
        const now43 = await store.verifyVisitor({ visitorId: anonymous.id, verifiedId: 'user-43' });
        expect(now43).toMatchObject({ id: anonymous.id, verified: true, verifiedId: 'user-43' });
        expect(await store.verifyVisitor({ visitorId: anonymous.id, verifiedId: 'user-43' })).toEqual(now43);
        await expect(store.verifyVisitor({ visitorId: anonymous.id, verifiedId: 'user-44' })).rejects.toBeInstanceOf(StoreConflictError);
        await expect(store.verifyVisitor({ visitorId: 'no-such-visitor', verifiedId: 'user-45' })).rejects.toBeInstanceOf(StoreNotFoundError);

        const claimed = await store.createVisitor({ siteId: site.id, tokenHash: 't4', displayName: 'E', now: at(3), claimedId: 'user-46' });
        expect(claimed).toMatchObject({ verified: false, verifiedId: null, claimedId: 'user-46' });
        const reclaimed = await store.updateVisitorProfile({ visitorId: claimed.id, claimedId: 'user-42' });
        expect(reclaimed).toMatchObject({ verified: false, verifiedId: null, claimedId: 'user-42' });
        expect(await store.getVisitorByVerifiedId(site.id, 'user-46')).toBeUndefined();
        expect((await store.getVisitorByVerifiedId(site.id, 'user-42'))?.id).toBe(verified.id);
      });

      it('[ST45] a visitor can have further tokens, each found on its own site only', async () => {
        const site = await seedSite();
        const blog = await seedSite('blog');
        const visitor = await store.createVisitor({ siteId: site.id, tokenHash: 'first', displayName: 'A', now: at(1), verifiedId: 'u' });
        await store.addVisitorToken({ visitorId: visitor.id, tokenHash: 'second', now: at(2) });
        expect(await store.getVisitorByToken(site.id, 'first')).toEqual(visitor);
        expect(await store.getVisitorByToken(site.id, 'second')).toEqual(visitor);
        expect(await store.getVisitorByToken(blog.id, 'second')).toBeUndefined();
        await expect(store.addVisitorToken({ visitorId: visitor.id, tokenHash: 'second', now: at(3) })).rejects.toBeInstanceOf(StoreConflictError);
        await expect(store.addVisitorToken({ visitorId: 'no-such-visitor', tokenHash: 'third', now: at(3) })).rejects.toBeInstanceOf(StoreNotFoundError);
      });
    });

    describe('mail outbox', () => {
      function mail(siteId: string, n: number, minute = 1) {
        return {
          siteId,
          conversationId: null,
          kind: 'receipt',
          dedupeKey: `receipt:${n}`,
          fromName: 'Pekárna',
          recipient: `visitor${n}@example.com`,
          subject: `Subject ${n}`,
          text: `Text ${n}`,
          html: `<p>Text ${n}</p>`,
          now: at(minute),
        };
      }

      it('[ST46] a mail is queued once per dedupe key', async () => {
        const site = await seedSite();
        const first = await store.enqueueMail(mail(site.id, 1));
        expect(first.created).toBe(true);
        expect(first.mail).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: at(1), recipient: 'visitor1@example.com', sentAt: null });
        const again = await store.enqueueMail({ ...mail(site.id, 1, 5), subject: 'Other' });
        expect(again).toEqual({ mail: first.mail, created: false });
        await expect(store.enqueueMail(mail('no-such-site', 2))).rejects.toBeInstanceOf(StoreNotFoundError);
        expect(await store.listMails({ siteId: site.id, limit: 10 })).toHaveLength(1);
      });

      it('[ST47] due mails are claimed oldest first with a lease; a lapsed lease frees a mail again', async () => {
        const site = await seedSite();
        await store.enqueueMail(mail(site.id, 2, 2));
        await store.enqueueMail(mail(site.id, 1, 1));
        await store.enqueueMail(mail(site.id, 3, 30));
        expect(await store.claimMails({ now: at(0), leaseUntil: at(5), limit: 10 })).toEqual([]);
        const claimed = await store.claimMails({ now: at(10), leaseUntil: at(15), limit: 10 });
        expect(claimed.map((m) => [m.dedupeKey, m.status, m.attempts, m.leaseUntil])).toEqual([
          ['receipt:1', 'sending', 1, at(15)],
          ['receipt:2', 'sending', 1, at(15)],
        ]);
        // Leased: nobody else gets them until the lease runs out.
        expect(await store.claimMails({ now: at(12), leaseUntil: at(20), limit: 10 })).toEqual([]);
        expect(await store.markMailSent({ id: claimed[0]!.id, now: at(13) })).toBe(true);
        // The claimer of receipt:2 stopped: after its lease it is handed out again, as a second attempt.
        const again = await store.claimMails({ now: at(16), leaseUntil: at(21), limit: 10 });
        expect(again.map((m) => [m.dedupeKey, m.attempts])).toEqual([['receipt:2', 2]]);
        expect(await store.claimMails({ now: at(40), leaseUntil: at(45), limit: 1 })).toHaveLength(1);
      });

      it('[ST48] concurrent claimers never share a mail', async () => {
        const site = await seedSite();
        for (let n = 0; n < 20; n++) await store.enqueueMail(mail(site.id, n));
        const batches = await Promise.all(Array.from({ length: 10 }, () => store.claimMails({ now: at(5), leaseUntil: at(10), limit: 20 })));
        const ids = batches.flat().map((m) => m.id);
        expect(ids).toHaveLength(20);
        expect(new Set(ids).size).toBe(20);
      });

      it('[ST49] sent, retried and failed mails; each site lists its own', async () => {
        const site = await seedSite();
        const blog = await seedSite('blog');
        for (let n = 1; n <= 3; n++) await store.enqueueMail(mail(site.id, n, n));
        await store.enqueueMail(mail(blog.id, 9, 4));
        const [one, two, three] = await store.claimMails({ now: at(5), leaseUntil: at(10), limit: 3 });
        expect(await store.markMailSent({ id: one!.id, now: at(6) })).toBe(true);
        expect(await store.markMailSent({ id: one!.id, now: at(7) })).toBe(false);
        await store.retryMail({ id: two!.id, nextAttemptAt: at(20), error: 'Connection refused' });
        await store.failMail({ id: three!.id, error: '550 No such user', now: at(6) });
        const listed = await store.listMails({ siteId: site.id, limit: 10 });
        expect(listed.map((m) => [m.dedupeKey, m.status, m.lastError])).toEqual([
          ['receipt:3', 'failed', '550 No such user'],
          ['receipt:2', 'queued', 'Connection refused'],
          ['receipt:1', 'sent', null],
        ]);
        expect(listed[2]!.sentAt).toBe(at(6));
        expect(await store.claimMails({ now: at(19), leaseUntil: at(25), limit: 10 })).toEqual([expect.objectContaining({ dedupeKey: 'receipt:9' })]);
        expect((await store.claimMails({ now: at(20), leaseUntil: at(25), limit: 10 })).map((m) => m.dedupeKey)).toEqual(['receipt:2']);
        expect((await store.listMails({ siteId: blog.id, limit: 10 })).map((m) => m.dedupeKey)).toEqual(['receipt:9']);
      });

      it('[ST50] mails composed when due: not claimed early, content filled in, the covered sequence remembered, or cancelled', async () => {
        const { site, conversation } = await seedConversation();
        const reply = (n: number, due: number) => ({ ...mail(site.id, n), conversationId: conversation.id, kind: 'reply', subject: '', text: '', html: '', dueAt: at(due) });
        await store.enqueueMail(reply(1, 10));
        await store.enqueueMail(reply(2, 12));
        expect(await store.claimMails({ now: at(9), leaseUntil: at(11), limit: 10 })).toEqual([]);
        const [first] = await store.claimMails({ now: at(10), leaseUntil: at(11), limit: 10 });
        expect(first).toMatchObject({ dedupeKey: 'receipt:1', text: '', coversSeq: null });
        expect(await store.lastCoveredSeq({ conversationId: conversation.id, kind: 'reply' })).toBe(0);
        await store.composeMail({ id: first!.id, subject: 'Re', text: 'Hello', html: '<p>Hello</p>', coversSeq: 7 });
        await store.retryMail({ id: first!.id, nextAttemptAt: at(11), error: 'busy' });
        const [again] = await store.claimMails({ now: at(11), leaseUntil: at(30), limit: 1 });
        expect(again).toMatchObject({ id: first!.id, subject: 'Re', text: 'Hello', html: '<p>Hello</p>', coversSeq: 7, attempts: 2 });
        expect(await store.lastCoveredSeq({ conversationId: conversation.id, kind: 'reply' })).toBe(7);
        expect(await store.lastCoveredSeq({ conversationId: conversation.id, kind: 'receipt' })).toBe(0);
        const [second] = await store.claimMails({ now: at(12), leaseUntil: at(13), limit: 10 });
        await store.composeMail({ id: second!.id, subject: 'Re', text: 'Later', html: '<p>Later</p>', coversSeq: 9 });
        await store.cancelMail({ id: second!.id, reason: 'Read in the chat' });
        expect(await store.lastCoveredSeq({ conversationId: conversation.id, kind: 'reply' })).toBe(7);
        const listed = await store.listMails({ siteId: site.id, limit: 10 });
        expect(listed.find((m) => m.id === second!.id)).toMatchObject({ status: 'cancelled', lastError: 'Read in the chat' });
      });

      it('[ST58] lastCoveredSeq can count only the mails to one recipient', async () => {
        const { site, conversation } = await seedConversation();
        const toOperator = (n: number, recipient: string) => ({ ...mail(site.id, n), conversationId: conversation.id, kind: 'operator-new', recipient, subject: '', text: '', html: '' });
        await store.enqueueMail(toOperator(1, 'jana@example.com'));
        await store.enqueueMail(toOperator(2, 'petr@example.com'));
        const claimed = await store.claimMails({ now: at(1), leaseUntil: at(3), limit: 10 });
        const first = claimed.find((m) => m.recipient === 'jana@example.com');
        const second = claimed.find((m) => m.recipient === 'petr@example.com');
        await store.composeMail({ id: first!.id, subject: 'New', text: 'New', html: '<p>New</p>', coversSeq: 4 });
        await store.composeMail({ id: second!.id, subject: 'New', text: 'New', html: '<p>New</p>', coversSeq: 6 });
        expect(await store.lastCoveredSeq({ conversationId: conversation.id, kind: 'operator-new', recipient: 'jana@example.com' })).toBe(4);
        expect(await store.lastCoveredSeq({ conversationId: conversation.id, kind: 'operator-new', recipient: 'petr@example.com' })).toBe(6);
        expect(await store.lastCoveredSeq({ conversationId: conversation.id, kind: 'operator-new', recipient: 'eva@example.com' })).toBe(0);
        expect(await store.lastCoveredSeq({ conversationId: conversation.id, kind: 'operator-new' })).toBe(6);
      });

      it('[ST52] an address opts out of a site\'s mail in any case, once', async () => {
        const site = await seedSite();
        const blog = await seedSite('blog');
        expect(await store.isOptedOutOfMail({ siteId: site.id, email: 'anna@example.com' })).toBe(false);
        await store.optOutOfMail({ siteId: site.id, email: 'Anna@Example.com', now: at(1) });
        await store.optOutOfMail({ siteId: site.id, email: 'anna@example.com', now: at(2) });
        expect(await store.isOptedOutOfMail({ siteId: site.id, email: 'ANNA@example.com' })).toBe(true);
        expect(await store.isOptedOutOfMail({ siteId: blog.id, email: 'anna@example.com' })).toBe(false);
        await expect(store.optOutOfMail({ siteId: 'no-such-site', email: 'a@example.com', now: at(1) })).rejects.toBeInstanceOf(StoreNotFoundError);
        const { mail: queued } = await store.enqueueMail({ ...mail(site.id, 1), id: 'chosen-id' });
        expect(queued.id).toBe('chosen-id');
        expect(await store.getMail('chosen-id')).toEqual(queued);
        expect(await store.getMail('no-such-mail')).toBeUndefined();
      });

      it('[ST57] mails are listed page by page with a cursor, and by conversation', async () => {
        const { site, conversation } = await seedConversation();
        // Five mails, three of them created in the same instant: the id orders those.
        for (const [n, minute] of [[1, 1], [2, 2], [3, 2], [4, 2], [5, 3]] as const) {
          await store.enqueueMail({ ...mail(site.id, n, minute), conversationId: n % 2 === 0 ? conversation.id : null });
        }
        const seen: string[] = [];
        let before: { createdAt: string; id: string } | undefined;
        for (;;) {
          const page = await store.listMails({ siteId: site.id, limit: 2, before });
          if (page.length === 0) break;
          seen.push(...page.map((m) => m.dedupeKey));
          const last = page[page.length - 1]!;
          before = { createdAt: last.createdAt, id: last.id };
        }
        expect(seen).toHaveLength(5);
        expect(new Set(seen).size).toBe(5);
        expect(seen[0]).toBe('receipt:5');
        expect(seen[4]).toBe('receipt:1');
        expect((await store.listMails({ siteId: site.id, limit: 10, conversationId: conversation.id })).map((m) => m.dedupeKey).sort()).toEqual([
          'receipt:2',
          'receipt:4',
        ]);
        const other = await seedSite('blog');
        expect(await store.listMails({ siteId: other.id, limit: 10, conversationId: conversation.id })).toEqual([]);
      });

      it('[ST53] a conversation has one reply token', async () => {
        const { site, conversation } = await seedConversation();
        const tokens = await Promise.all(['a1', 'a2', 'a3', 'a4'].map((token) => store.ensureReplyToken({ conversationId: conversation.id, token, now: at(1) })));
        expect(new Set(tokens).size).toBe(1);
        expect(await store.ensureReplyToken({ conversationId: conversation.id, token: 'later', now: at(2) })).toBe(tokens[0]);
        expect(await store.getReplyToken(tokens[0]!)).toEqual({ siteId: site.id, conversationId: conversation.id });
        expect(await store.getReplyToken('later')).toBeUndefined();
        await expect(store.ensureReplyToken({ conversationId: 'nope', token: 'x', now: at(1) })).rejects.toBeInstanceOf(StoreNotFoundError);
        const { mail: queued } = await store.enqueueMail({ ...mail(site.id, 1), replyTo: 'reply+a1@tea.example' });
        expect(queued.replyTo).toBe('reply+a1@tea.example');
      });

      it('[ST51] a continue link is found by its hash and used once', async () => {
        const { site, visitor } = await seedConversation();
        await store.createContinueLink({ tokenHash: 'h1', siteId: site.id, visitorId: visitor.id, now: at(1), expiresAt: at(100) });
        expect(await store.getContinueLink('h1')).toEqual({ siteId: site.id, visitorId: visitor.id, createdAt: at(1), expiresAt: at(100), usedAt: null });
        expect(await store.getContinueLink('h2')).toBeUndefined();
        expect(await store.useContinueLink({ tokenHash: 'h2', now: at(2) })).toBe(false);
        const uses = await Promise.all(Array.from({ length: 10 }, () => store.useContinueLink({ tokenHash: 'h1', now: at(2) })));
        expect(uses.filter(Boolean)).toHaveLength(1);
        expect((await store.getContinueLink('h1'))?.usedAt).toBe(at(2));
        await expect(store.createContinueLink({ tokenHash: 'h3', siteId: site.id, visitorId: 'nobody', now: at(1), expiresAt: at(2) })).rejects.toBeInstanceOf(StoreNotFoundError);
      });
    });
  });
}
