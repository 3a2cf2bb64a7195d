import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { inboxGroup, openConsoleSignedIn, signInToConsole } from '../helpers/console.ts';
import { useE2e } from '../helpers/e2e.ts';
import { addOperator, OPERATOR } from '../helpers/server.ts';

/**
 * The console's issue-4 flows end to end, in Chromium: a visitor on the demo site's widget and one or two
 * operators in the console, each in a browser profile of their own. Both sides read times in the same zone,
 * so what the operator picks ("Tomorrow 12:00") is what the visitor reads.
 */

/** A delivered message's state line reads "12:31 PM · Sent", or "… · Seen" once the operator has it open. */
const DELIVERED = /(^|· )(Sent|Seen)$/;
const ZONE = 'Europe/Prague';
const e2e = useE2e({ operatorOnline: true });

/** expect.poll with room for a loaded machine (its own default gives up after 1 s). */
function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 10_000 });
}

/** Script errors of every page of the test; each test ends by expecting none. */
let pageErrors: Error[] = [];
afterEach(() => {
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
});

/** A fresh browser profile with one page, in a fixed zone and language. */
async function newPage(): Promise<Page> {
  const context = await e2e.newContext({ timezoneId: ZONE, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err));
  return page;
}

/** The demo site with the chat panel open. */
async function openWidget(visitor: Page): Promise<void> {
  await visitor.goto(`${e2e.server.url}/`);
  await visitor.getByRole('button', { name: /Chat with us/ }).click();
  await visitor.getByRole('dialog', { name: 'Chat with us' }).waitFor();
}

/** The visitor writes in the widget (Enter sends) and waits until the server has it. */
async function visitorWrites(visitor: Page, text: string): Promise<void> {
  const field = visitor.getByRole('textbox', { name: 'Message' });
  await field.fill(text);
  await field.press('Enter');
  await widgetMessage(visitor, text).getByText(DELIVERED).waitFor();
}

function widgetMessage(visitor: Page, text: string): Locator {
  return visitor.getByRole('listitem').filter({ hasText: text });
}

/**
 * A visitor who has asked `question` in the widget, and Jana with the console open beside it; the two start
 * at the same time, so the question reaches her inbox live.
 */
async function visitorAsksJana(question: string): Promise<{ visitor: Page; operator: Page }> {
  const [visitor, operator] = await Promise.all([newPage(), newPage()]);
  await Promise.all([
    openWidget(visitor).then(() => visitorWrites(visitor, question)),
    openConsoleSignedIn(operator, e2e.server),
  ]);
  return { visitor, operator };
}

/** The operator answers in the open conversation (Enter sends) and waits until it is no longer "Sending…". */
async function operatorWrites(operator: Page, text: string): Promise<void> {
  const field = operator.getByLabel('Your reply');
  await field.fill(text);
  await field.press('Enter');
  const item = operator.getByRole('log').getByRole('listitem').filter({ hasText: text });
  await item.waitFor();
  await poll(() => item.getByText('Sending…').count()).toBe(0);
}

/** Opens the conversation whose row matches `row` and returns its id (from the console's URL). */
async function openConversation(operator: Page, row: RegExp): Promise<string> {
  await operator.getByRole('link', { name: row }).click();
  await operator.getByRole('log').waitFor();
  const id = /#\/conversations?\/([^/?#]+)/.exec(new URL(operator.url()).hash)?.[1];
  expect(id, `conversation id in ${operator.url()}`).toBeTruthy();
  return decodeURIComponent(id!);
}

async function onlyConversation() {
  const site = (await e2e.server.store.getSiteByKey('demo'))!;
  const conversations = await e2e.server.store.listConversations([site.id], { limit: 10 });
  expect(conversations).toHaveLength(1);
  return conversations[0]!;
}

/** The conversation action dialog with this title (a native modal `<dialog>`). */
function actionDialog(operator: Page, title: string): Locator {
  return operator.getByRole('dialog', { name: title });
}

async function clickAction(operator: Page, name: string): Promise<void> {
  await operator.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name }).click();
}

/** Everything the widget renders, text and attributes, from inside every open shadow root of the page. */
function widgetMarkup(visitor: Page): Promise<string> {
  return visitor.evaluate(() => {
    const parts: string[] = [document.documentElement.outerHTML];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) {
          parts.push(el.shadowRoot.innerHTML);
          visit(el.shadowRoot);
        }
      }
    };
    visit(document);
    return parts.join('\n');
  });
}

/**
 * Everything the server sends to the page over socket.io (long-polling responses and WebSocket frames), so a
 * test can show a text never even reached the visitor's browser.
 */
function recordSocketTraffic(page: Page): { text(): Promise<string> } {
  const received: Array<string | Promise<string>> = [];
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => received.push(String(frame.payload))));
  page.on('response', (response) => {
    if (response.url().includes('/socket.io/')) received.push(response.text().catch(() => ''));
  });
  return { text: async () => (await Promise.all(received)).join('\n') };
}

describe('the console answers, hands over, promises and resolves, and the visitor sees what is meant for them', () => {
  it('an answered conversation moves from "Waiting for us" to "Waiting for the visitor"', async () => {
    const visitor = await newPage();
    await openWidget(visitor);
    await visitorWrites(visitor, 'Do you sell loose-leaf sencha?');

    const operator = await newPage();
    await signInToConsole(operator, e2e.server.url);
    const waitingForUs = inboxGroup(operator, 'Waiting for us');
    const waitingForVisitor = inboxGroup(operator, 'Waiting for the visitor');
    await waitingForUs.getByRole('link', { name: /Do you sell loose-leaf sencha\?/ }).waitFor();
    expect(await waitingForVisitor.getByRole('link').count()).toBe(0);

    const id = await openConversation(operator, /Do you sell loose-leaf sencha\?/);
    await operatorWrites(operator, 'We do, 50 g and 100 g bags.');

    // The same row, now previewing the answer, sits under "Waiting for the visitor"; "Waiting for us" is empty.
    const moved = waitingForVisitor.getByRole('link', { name: /You: We do, 50 g and 100 g bags\./ });
    await moved.waitFor();
    expect(await moved.getAttribute('href')).toContain(id);
    await poll(() => waitingForUs.getByRole('link').count()).toBe(0);
    await widgetMessage(visitor, 'We do, 50 g and 100 g bags.').waitFor();
  });

  it('a handoff to a second operator carries an internal note that the visitor never receives', async () => {
    const NOTE = 'Eva: customer ordered twice by mistake, refund the second order #4411.';
    const eva = await addOperator(e2e.server.store, { email: 'eva@example.com', name: 'Eva', password: 'another-horse-battery' });

    const visitor = await newPage();
    const traffic = recordSocketTraffic(visitor);
    await openWidget(visitor);
    await visitorWrites(visitor, 'I paid for my order twice, can you help?');

    const jana = await newPage();
    await openConsoleSignedIn(jana, e2e.server);
    const id = await openConversation(jana, /I paid for my order twice/);
    await operatorWrites(jana, 'Sorry about that, let me find the right person.');

    const evaPage = await newPage();
    await signInToConsole(evaPage, e2e.server.url, eva);

    await clickAction(jana, 'Assign');
    const dialog = actionDialog(jana, 'Assign this conversation');
    await dialog.waitFor();
    const evaOption = (await dialog.getByRole('option', { name: /^Eva\b/ }).textContent())!;
    await dialog.getByLabel('Assign to').selectOption({ label: evaOption });
    await dialog.getByLabel('Internal note for the team (optional)').fill(NOTE);
    await dialog.getByRole('button', { name: 'Hand over' }).click();
    await poll(() => dialog.count()).toBe(0);
    const janaThread = jana.getByRole('log');
    await janaThread.getByText('You assigned this to Eva').waitFor();
    await janaThread.getByText(NOTE).waitFor();
    await jana.getByRole('link', { name: /Assigned to Eva/ }).waitFor();

    // Eva finds it as hers, with the whole history and the note marked as internal.
    const row = evaPage.getByRole('link', { name: /Sorry about that, let me find the right person\./ });
    await poll(() => row.textContent()).toContain('Yours');
    await row.click();
    await poll(() => evaPage.url()).toContain(id);
    const evaThread = evaPage.getByRole('log');
    await evaThread.getByText('I paid for my order twice, can you help?').waitFor();
    const answer = evaThread.getByRole('listitem').filter({ hasText: 'Sorry about that, let me find the right person.' });
    await answer.waitFor();
    expect(await answer.textContent()).toContain(OPERATOR.name);
    await evaThread.getByText('Jana assigned this to you').waitFor();
    const handoff = evaThread.getByRole('listitem').filter({ hasText: NOTE });
    await handoff.getByText('Only your team sees this').waitFor();

    // Eva writes; once that reached the widget, so had everything before it.
    await operatorWrites(evaPage, 'Hi, Eva here. I am refunding the second payment now.');
    const evaAnswer = widgetMessage(visitor, 'I am refunding the second payment now.');
    await evaAnswer.waitFor();
    expect(await evaAnswer.textContent()).toContain('Eva');
    expect(await visitor.getByText(NOTE).count()).toBe(0);
    expect(await visitor.getByText(/refund the second order/).count()).toBe(0);
    expect(await widgetMarkup(visitor)).not.toContain('#4411');

    // Nor after a reload, which loads the history afresh.
    await visitor.reload();
    await visitor.getByRole('button', { name: /Chat with us/ }).click();
    await widgetMessage(visitor, 'I am refunding the second payment now.').waitFor();
    await widgetMessage(visitor, 'I paid for my order twice, can you help?').waitFor();
    expect(await visitor.getByText(NOTE).count()).toBe(0);
    expect(await widgetMarkup(visitor)).not.toContain('#4411');
    // It never even reached the visitor's browser (which did receive Eva's answer, so the recording works).
    const received = await traffic.text();
    expect(received).toContain('I am refunding the second payment now.');
    expect(received).not.toContain('#4411');
  });

  it('an "update by" promise shows in the widget as who is looking into it and until when, with the note', async () => {
    const { visitor, operator } = await visitorAsksJana('Can you check whether my parcel left?');
    await openConversation(operator, /Can you check whether my parcel left\?/);

    // A quick choice: tomorrow at noon, in the zone operator and visitor share.
    await clickAction(operator, 'Update by…');
    const dialog = actionDialog(operator, "We'll update you by…");
    await dialog.getByRole('radio', { name: 'Tomorrow 12:00' }).check();
    await dialog.getByLabel('What you are doing (optional; the visitor sees this)').fill('Asking the carrier.');
    await dialog.getByRole('button', { name: 'Save promise' }).click();
    await poll(() => dialog.count()).toBe(0);
    await operator.getByText(/^Update promised by .+ \(Jana\): Asking the carrier\.$/).waitFor();

    const status = visitor.getByRole('status').filter({ hasText: 'is looking into it' });
    await poll(() => status.textContent()).toMatch(/^Jana is looking into it — update tomorrow by 12:00\sPMAsking the carrier\.$/);

    // A custom time three days ahead replaces it; the visitor reads the weekday.
    const later = new Date(Date.now() + 3 * 86_400_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(later); // 2026-03-12
    const weekday = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, weekday: 'long' }).format(later);
    await clickAction(operator, 'Update by…');
    await dialog.getByLabel('Date and time').fill(`${day}T10:30`);
    await poll(() => dialog.getByRole('radio', { name: 'Another time' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Save promise' }).click();
    await poll(() => dialog.count()).toBe(0);
    await poll(() => status.textContent())
      .toMatch(new RegExp(`^Jana is looking into it — update by ${weekday} 10:30\\sAM$`));
  });

  it('a resolved conversation stays usable in the widget, and writing again reopens the same one in the console', async () => {
    const { visitor, operator } = await visitorAsksJana('Is the matcha whisk back in stock?');
    const id = await openConversation(operator, /Is the matcha whisk back in stock\?/);
    await operatorWrites(operator, 'Yes, since this morning.');
    await clickAction(operator, 'Resolve');
    const dialog = actionDialog(operator, 'Resolve this conversation');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await poll(() => dialog.count()).toBe(0);
    await operator.getByRole('log').getByText('You resolved this').waitFor();
    await inboxGroup(operator, 'Resolved').getByRole('link', { name: /You: Yes, since this morning\./ }).waitFor();

    // The panel stays open and usable, asking for a rating.
    const rating = visitor.getByRole('region', { name: 'How did we do?' });
    await rating.waitFor();
    expect(await visitor.getByRole('dialog', { name: 'Chat with us' }).isVisible()).toBe(true);
    expect(await visitor.getByRole('textbox', { name: 'Message' }).isEditable()).toBe(true);

    await visitorWrites(visitor, 'Great, and the bamboo scoop?');
    await poll(() => rating.count()).toBe(0);

    // The console: the same conversation, open again, waiting for us, with the whole history.
    const thread = operator.getByRole('log');
    await thread.getByText('Great, and the bamboo scoop?').waitFor();
    await thread.getByText('The visitor wrote again; the conversation is open again').waitFor();
    for (const text of ['Is the matcha whisk back in stock?', 'Yes, since this morning.', 'You resolved this']) {
      await thread.getByText(text).waitFor();
    }
    expect(operator.url()).toContain(id);
    const row = inboxGroup(operator, 'Waiting for us').getByRole('link', { name: /Great, and the bamboo scoop\?/ });
    await row.waitFor();
    expect(await row.getAttribute('href')).toContain(id);
    await poll(() => inboxGroup(operator, 'Resolved').getByRole('link').count()).toBe(0);
    expect((await onlyConversation()).id).toBe(id);
  });

  it('the visitor rates a resolved conversation with a comment, and the console shows it on that conversation', async () => {
    const { visitor, operator } = await visitorAsksJana('How long does shipping to Vienna take?');
    const id = await openConversation(operator, /How long does shipping to Vienna take\?/);
    await operatorWrites(operator, 'Usually 3 working days.');
    await clickAction(operator, 'Resolve');
    await actionDialog(operator, 'Resolve this conversation').getByRole('button', { name: 'Confirm' }).click();

    const rating = visitor.getByRole('region', { name: 'How did we do?' });
    await rating.getByRole('button', { name: 'Good' }).click();
    await poll(() => rating.getByRole('button', { name: 'Good' }).getAttribute('aria-pressed')).toBe('true');
    await rating.getByLabel("Anything you'd like to add? (optional)").fill('Quick and friendly, thanks!');
    await rating.getByRole('button', { name: 'Send' }).click();
    await rating.getByText('Thank you for your feedback!').waitFor();

    const thread = operator.getByRole('log');
    await thread.getByText('The visitor rated this conversation: good').waitFor();
    await thread.getByText('“Quick and friendly, thanks!”').waitFor();
    const row = inboxGroup(operator, 'Resolved').getByRole('link', { name: /Rated good/ });
    await row.waitFor();
    expect(await row.getAttribute('href')).toContain(id);
    expect((await e2e.server.store.getConversationSummary(id))?.rating).toMatchObject({ value: 'good', comment: 'Quick and friendly, thanks!' });
  });

  it('a saved reply picked with the keyboard after "/" is inserted with the visitor\'s first name and reaches the visitor', async () => {
    const { visitor, operator } = await visitorAsksJana('Hello, I have a question about your teas.');
    // The live chat asks for no name; the visitor's profile carries it, as after the message form. The console
    // reads it when the conversation is opened.
    const conversation = await onlyConversation();
    await e2e.server.store.updateVisitorProfile({ visitorId: conversation.visitorId, name: 'Anna Nováková' });
    await openConversation(operator, /Hello, I have a question about your teas\./);
    const field = operator.getByRole('combobox', { name: 'Your reply' });
    await field.pressSequentially('/h');
    const list = operator.getByRole('listbox', { name: 'Saved replies' });
    await list.waitFor();
    const options = list.getByRole('option');
    // Shortcuts starting with "h" come first, then replies merely containing it.
    await poll(() => options.count()).toBeGreaterThan(1);
    const greeting = options.filter({ hasText: '/hello' });
    expect(await greeting.getAttribute('aria-selected')).toBe('true');
    // Filled in the preview already: the visitor's details have arrived.
    await poll(() => greeting.textContent()).toContain('Hi Anna, thank you for writing to us!');
    await field.press('ArrowDown');
    await poll(() => greeting.getAttribute('aria-selected')).toBe('false');
    expect(await field.getAttribute('aria-activedescendant')).toBe(await options.nth(1).getAttribute('id'));
    await field.press('ArrowUp');
    await poll(() => field.getAttribute('aria-activedescendant')).toBe(await greeting.getAttribute('id'));
    await field.press('Enter');

    const filled = 'Hi Anna, thank you for writing to us! How can I help you today?';
    await poll(() => field.inputValue()).toBe(filled);
    await poll(() => list.count()).toBe(0);
    expect(await field.getAttribute('aria-expanded')).toBe('false');

    await field.press('Enter');
    await widgetMessage(visitor, filled).waitFor();
    await poll(() => field.inputValue()).toBe('');
  });
});
