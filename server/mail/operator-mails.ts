import type { ConversationSummary, Message, NotificationMode, TeamMember } from '../../shared/index.ts';
import type { AvailabilityHub } from '../availability/availability-hub.ts';
import type { Presence } from '../availability/presence.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { MailRecord, Store } from '../storage/index.ts';
import { consoleUrls, digestMail, newMessagesMail, preview, reminderMail } from './operator-compose.ts';
import {
  OPERATOR_MAIL_DELAY_MS,
  type PromiseKind,
  REMINDER_LEAD_MS,
  defaultNotificationMode,
  digestPeriod,
  isReading,
  parseReminderKey,
  reminderDueAt,
  reminderKey,
} from './operator-timing.ts';

/** The kinds of mail to operators (none of them is a visitor mail: no unsubscribe link, no opt-out check). */
export const OPERATOR_MAIL_KINDS = { new: 'operator-new', digest: 'operator-digest', reminder: 'operator-reminder' } as const;
export type OperatorMailKind = (typeof OPERATOR_MAIL_KINDS)[keyof typeof OPERATOR_MAIL_KINDS];
const KINDS: ReadonlySet<string> = new Set(Object.values(OPERATOR_MAIL_KINDS));

/** The sender's name on mails to operators: they come from the software, not from the shop's team. */
const FROM_NAME = 'Porchlight';

export interface OperatorMails {
  /**
   * After visitor messages were stored: queues a mail, due later, for each operator of the site who is not
   * reading (away or offline) and wants one. Nothing is decided about content yet; `prepare` looks at what is
   * still unread when the mail is due.
   */
  visitorWrote(input: { siteId: string; conversationId: string; messages: Message[]; now: Date }): Promise<void>;
  /**
   * After a promise to the visitor was stored or the conversation changed hands: queues a reminder per open
   * promise, due REMINDER_LEAD_MS before it, for the assignee (or the team when nobody is assigned).
   */
  promisesChanged(input: { conversationId: string; now: Date }): Promise<void>;
  /** Whether this queued mail is one of ours. */
  isOperatorMail(mail: MailRecord): boolean;
  /** Composes a due operator mail, or cancels it (and resolves null) when there is nothing left to tell. */
  prepare(mail: MailRecord): Promise<MailRecord | null>;
}

export function createOperatorMails(deps: { store: Store; clock: Clock; presence: Presence; availability: AvailabilityHub; config: Config }): OperatorMails {
  const { store, clock, presence, availability, config } = deps;

  async function modeOf(member: Pick<TeamMember, 'id' | 'role'>): Promise<NotificationMode> {
    return (await store.getNotificationMode(member.id)) ?? defaultNotificationMode(member.role);
  }

  /** Who is told about a conversation: its assignee when it has one, else the whole team. */
  function concerned(team: TeamMember[], conversation: ConversationSummary): TeamMember[] {
    return conversation.assigneeId === null ? team : team.filter((m) => m.id === conversation.assigneeId);
  }

  async function cancel(mail: MailRecord, reason: string): Promise<null> {
    await store.cancelMail({ id: mail.id, reason });
    return null;
  }

  /** The recipient as a member of the mail's site now, with their current mode; undefined when they left it. */
  async function recipientOf(mail: MailRecord): Promise<(TeamMember & { mode: NotificationMode }) | undefined> {
    const member = (await store.listSiteTeam(mail.siteId)).find((m) => m.email === mail.recipient);
    return member === undefined ? undefined : { ...member, mode: await modeOf(member) };
  }

  async function place(siteId: string) {
    const [site, settings] = await Promise.all([store.getSiteById(siteId), availability.settings(siteId)]);
    return { siteName: site?.name ?? settings.teamName, timeZone: settings.schedule.timeZone };
  }

  async function prepareNew(mail: MailRecord): Promise<MailRecord | null> {
    if (mail.conversationId === null) return cancel(mail, 'No conversation.');
    const recipient = await recipientOf(mail);
    if (!recipient || recipient.mode !== 'each') return cancel(mail, 'The operator no longer gets a mail for each message.');
    if (isReading(presence.statusOf(recipient.id))) return cancel(mail, 'The operator is in the console now.');
    const conversation = await store.getConversationSummary(mail.conversationId);
    if (!conversation) return cancel(mail, 'The conversation is gone.');
    if (conversation.assigneeId !== null && conversation.assigneeId !== recipient.id) return cancel(mail, 'The conversation is assigned to a colleague.');
    const covered = await store.lastCoveredSeq({ conversationId: conversation.id, kind: mail.kind, recipient: mail.recipient });
    const { messages } = await store.listMessages(conversation.id, { afterSeq: Math.max(conversation.operatorSeenSeq, covered), limit: 100 });
    const fromVisitor = messages.filter((m) => m.author === 'visitor');
    const newest = fromVisitor.at(-1);
    if (!newest) return cancel(mail, 'Nothing new to tell: the messages were read in the console, or an earlier mail carried them.');
    if (clock.now().getTime() - Date.parse(newest.createdAt) < OPERATOR_MAIL_DELAY_MS) return cancel(mail, 'Sent together with a later message.');
    const urls = consoleUrls(config.publicUrl, conversation.id);
    const content = newMessagesMail({
      ...(await place(conversation.siteId)),
      visitorName: conversation.visitorName,
      messages: fromVisitor.map((m) => ({ body: m.body, createdAt: m.createdAt })),
      conversationUrl: urls.conversation,
      settingsUrl: urls.settings,
    });
    await store.composeMail({ id: mail.id, ...content, coversSeq: newest.seq });
    return { ...mail, ...content, coversSeq: newest.seq };
  }

  async function prepareDigest(mail: MailRecord): Promise<MailRecord | null> {
    const recipient = await recipientOf(mail);
    if (!recipient || recipient.mode !== 'digest') return cancel(mail, 'The operator no longer gets a digest.');
    if (isReading(presence.statusOf(recipient.id))) return cancel(mail, 'The operator is in the console now.');
    // The mail was queued in the period it reports on; its messages came in from the period's start.
    const since = digestPeriod(new Date(mail.createdAt)).start.getTime();
    const conversations = (await store.listConversations([mail.siteId], { limit: 200 })).filter(
      (c) =>
        c.unreadCount > 0 &&
        c.lastVisitorMessageAt !== null &&
        Date.parse(c.lastVisitorMessageAt) >= since &&
        (c.assigneeId === null || c.assigneeId === recipient.id),
    );
    if (conversations.length === 0) return cancel(mail, 'Nothing new to tell: every new message was read in the console.');
    const urls = consoleUrls(config.publicUrl);
    const content = digestMail({
      ...(await place(mail.siteId)),
      entries: conversations.map((c) => ({
        visitorName: c.visitorName,
        unreadCount: c.unreadCount,
        preview: c.lastMessage?.author === 'visitor' ? preview(c.lastMessage.body) : '',
        lastMessageAt: c.lastVisitorMessageAt!,
        url: consoleUrls(config.publicUrl, c.id).conversation,
      })),
      inboxUrl: urls.conversation,
      settingsUrl: urls.settings,
    });
    await store.composeMail({ id: mail.id, ...content, coversSeq: null });
    return { ...mail, ...content };
  }

  async function prepareReminder(mail: MailRecord): Promise<MailRecord | null> {
    const key = parseReminderKey(mail.dedupeKey);
    if (!key) return cancel(mail, 'Not a reminder.');
    const conversation = await store.getConversationSummary(key.conversationId);
    if (!conversation) return cancel(mail, 'The conversation is gone.');
    const open = key.kind === 'reply' ? conversation.replyBy : (conversation.updateBy?.at ?? null);
    if (open === null || Date.parse(open) !== Date.parse(key.promise)) return cancel(mail, 'The promise was kept (an operator answered) or replaced.');
    const recipient = await recipientOf(mail);
    if (!recipient) return cancel(mail, 'The operator is no longer on the team.');
    // The console counts the deadline down in front of an operator who is there.
    if (isReading(presence.statusOf(recipient.id))) return cancel(mail, 'The operator is in the console, where the deadline shows.');
    if (conversation.assigneeId !== null && conversation.assigneeId !== recipient.id) return cancel(mail, 'The conversation is assigned to a colleague.');
    const urls = consoleUrls(config.publicUrl, conversation.id);
    const content = reminderMail({
      ...(await place(conversation.siteId)),
      visitorName: conversation.visitorName,
      kind: key.kind,
      promise: open,
      promisedBy: key.kind === 'update' ? (conversation.updateBy?.operatorName ?? null) : null,
      note: key.kind === 'update' ? (conversation.updateBy?.note ?? null) : null,
      assignedToYou: conversation.assigneeId === recipient.id,
      conversationUrl: urls.conversation,
      settingsUrl: urls.settings,
    });
    await store.composeMail({ id: mail.id, ...content, coversSeq: null });
    return { ...mail, ...content };
  }

  function enqueue(input: { siteId: string; conversationId: string | null; kind: OperatorMailKind; dedupeKey: string; recipient: string; now: Date; dueAt: Date }) {
    return store.enqueueMail({
      siteId: input.siteId,
      conversationId: input.conversationId,
      kind: input.kind,
      dedupeKey: input.dedupeKey,
      fromName: FROM_NAME,
      recipient: input.recipient,
      subject: '',
      text: '',
      html: '',
      now: input.now.toISOString(),
      dueAt: input.dueAt.toISOString(),
    });
  }

  return {
    async visitorWrote({ siteId, conversationId, messages, now }) {
      const newest = messages.filter((m) => m.author === 'visitor').at(-1);
      if (!newest) return;
      const conversation = await store.getConversationSummary(conversationId);
      if (!conversation) return;
      for (const member of concerned(await store.listSiteTeam(siteId), conversation)) {
        if (isReading(presence.statusOf(member.id))) continue;
        const mode = await modeOf(member);
        if (mode === 'each') {
          // Keyed by the message: a retried event queues nothing twice. Each message of a burst queues its own
          // mail; the last one due carries them all and the earlier ones are cancelled when due.
          await enqueue({
            siteId,
            conversationId,
            kind: OPERATOR_MAIL_KINDS.new,
            dedupeKey: `operator-new:${member.id}:${newest.id}`,
            recipient: member.email,
            now,
            dueAt: new Date(now.getTime() + OPERATOR_MAIL_DELAY_MS),
          });
        } else if (mode === 'digest') {
          // One per operator, site and hour, sent at the hour's end: at most one digest an hour.
          const period = digestPeriod(now);
          await enqueue({
            siteId,
            conversationId: null,
            kind: OPERATOR_MAIL_KINDS.digest,
            dedupeKey: `operator-digest:${siteId}:${member.id}:${period.start.toISOString()}`,
            recipient: member.email,
            now,
            dueAt: period.end,
          });
        }
      }
    },

    async promisesChanged({ conversationId, now }) {
      const conversation = await store.getConversationSummary(conversationId);
      if (!conversation) return;
      const promises: Array<[PromiseKind, string]> = [];
      if (conversation.replyBy !== null) promises.push(['reply', conversation.replyBy]);
      if (conversation.updateBy !== null) promises.push(['update', conversation.updateBy.at]);
      if (promises.length === 0) return;
      const team = await store.listSiteTeam(conversation.siteId);
      // A promise about to be broken concerns whoever must keep it, whatever they chose for mail about new
      // messages: the assignee, or, with nobody assigned, every operator of the site (issue 6, 2d).
      const recipients = concerned(team, conversation);
      for (const [kind, promise] of promises) {
        const dueAt = reminderDueAt(new Date(promise), now);
        const isShort = Date.parse(promise) - now.getTime() < REMINDER_LEAD_MS;
        for (const member of recipients) {
          // A short promise (a live chat's few minutes) counts down on the screen of whoever is in the console:
          // only someone away or offline gets a reminder queued for it.
          if (isShort && isReading(presence.statusOf(member.id))) continue;
          await enqueue({
            siteId: conversation.siteId,
            conversationId,
            kind: OPERATOR_MAIL_KINDS.reminder,
            dedupeKey: reminderKey({ kind, conversationId, operatorId: member.id, promise }),
            recipient: member.email,
            now,
            dueAt,
          });
        }
      }
    },

    isOperatorMail: (mail) => KINDS.has(mail.kind),

    prepare(mail) {
      if (mail.kind === OPERATOR_MAIL_KINDS.new) return prepareNew(mail);
      if (mail.kind === OPERATOR_MAIL_KINDS.digest) return prepareDigest(mail);
      return prepareReminder(mail);
    },
  };
}
