import { describe, expect, it } from 'vitest';
import { consoleUrls, digestMail, preview, reminderMail } from './operator-compose.ts';

const urls = consoleUrls('https://chat.shop.example', 'c/1');

describe('mails to operators', () => {
  it('link to the conversation and to the Team screen, where the choice of mails is changed', () => {
    expect(urls).toEqual({ conversation: 'https://chat.shop.example/console/#/conversations/c%2F1', settings: 'https://chat.shop.example/console/#/team' });
    expect(consoleUrls('https://chat.shop.example').conversation).toBe('https://chat.shop.example/console/');
  });

  it('a preview is one line, cut at 200 characters', () => {
    expect(preview('Hello\n\n  there ')).toBe('Hello there');
    const long = preview('x'.repeat(300));
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });

  it('a digest escapes what visitors wrote in its HTML and says where to change the setting', () => {
    const mail = digestMail({
      siteName: 'Tea & Co',
      timeZone: 'Europe/Prague',
      entries: [{ visitorName: '<img src=x>', unreadCount: 2, preview: '"quoted" <b>bold</b>', lastMessageAt: '2026-12-07T10:20:00Z', url: urls.conversation }],
      inboxUrl: 'https://chat.shop.example/console/',
      settingsUrl: urls.settings,
    });
    expect(mail.subject).toBe('1 conversation with new messages — Tea & Co');
    // 10:20 UTC is 11:20 in Prague.
    expect(mail.text).toContain('<img src=x> (2 unread, last at 7 Dec 2026, 11:20)');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&#60;img src=x&#62;');
    expect(mail.html).toContain('Tea &#38; Co');
    expect(mail.text).toContain('console → Team → Notifications: https://chat.shop.example/console/#/team');
    expect(mail.text).not.toMatch(/unsubscribe/i);
  });

  it('a reminder names the promise, who made it and whose the conversation is', () => {
    const mail = reminderMail({
      siteName: 'Tea shop',
      visitorName: 'Anna',
      timeZone: 'Europe/Prague',
      kind: 'update',
      promise: '2026-12-07T15:00:00Z',
      promisedBy: 'Jana',
      note: 'Ask the <courier>',
      assignedToYou: false,
      conversationUrl: urls.conversation,
      settingsUrl: urls.settings,
    });
    expect(mail.subject).toBe('Reminder: Anna was promised an update by 7 Dec 2026, 16:00 — Tea shop');
    expect(mail.text).toContain('Jana promised Anna an update by 7 Dec 2026, 16:00, and nobody has written to them since.');
    expect(mail.text).toContain('> Ask the <courier>');
    expect(mail.text).toContain('not assigned to anyone, so the whole team is reminded');
    expect(mail.html).toContain('Ask the &#60;courier&#62;');
  });
});
