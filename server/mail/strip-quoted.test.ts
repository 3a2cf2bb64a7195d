import { describe, expect, it } from 'vitest';
import { stripQuotedReply } from './strip-quoted.ts';

describe('the new text of a reply mail', () => {
  it.each([
    ['Gmail', 'Yes, please send two.\n\nOn Mon, 3 Nov 2026 at 10:00, Jana <chat@tea.example> wrote:\n> Shall we send it?\n> Jana'],
    ['Gmail, wrapped', 'Yes, please send two.\n\nOn Mon, 3 Nov 2026 at 10:00, Jana Nováková\n<chat@tea.example> wrote:\n> Shall we send it?'],
    ['Apple Mail', 'Yes, please send two.\n\n> On 3 Nov 2026, at 10:00, Jana <chat@tea.example> wrote:\n> \n> Shall we send it?'],
    ['Outlook', 'Yes, please send two.\r\n\r\n-----Original Message-----\r\nFrom: Jana <chat@tea.example>\r\nSent: Monday\r\nShall we send it?'],
    ['Outlook header block', 'Yes, please send two.\n\nFrom: Jana <chat@tea.example>\nSent: Monday, 3 November 2026 10:00\nTo: Anna\nShall we send it?'],
    ['Czech', 'Yes, please send two.\n\nDne po 3. 11. 2026 10:00 Jana <chat@tea.example> napsal(a):\n> Pošleme?'],
    ['German', 'Yes, please send two.\n\nAm 03.11.2026 um 10:00 schrieb Jana <chat@tea.example>:\n> Sollen wir?'],
    ['Polish', 'Yes, please send two.\n\nW dniu 3.11.2026 o 10:00, Jana pisze:\n> Wysłać?'],
    ['signature', 'Yes, please send two.\n-- \nAnna Nováková\n+420 777 000 000'],
  ])('drops what %s quotes below the answer', (_client, mail) => {
    expect(stripQuotedReply(mail)).toBe('Yes, please send two.');
  });

  it('keeps a multi-line answer whole, with its own line breaks', () => {
    expect(stripQuotedReply('Two things:\n1. the oolong\n2. the sencha\n\nThanks!\n\nOn Mon, Jana wrote:\n> ?')).toBe('Two things:\n1. the oolong\n2. the sencha\n\nThanks!');
  });

  it('keeps an answer written below the quote', () => {
    expect(stripQuotedReply('On Mon, Jana wrote:\n> Shall we send it?\n\nYes, please.')).toBe('Yes, please.');
  });

  it('leaves a mail without history as it is, and an empty one empty', () => {
    expect(stripQuotedReply('Just this.')).toBe('Just this.');
    expect(stripQuotedReply('> only a quote')).toBe('');
  });
});
