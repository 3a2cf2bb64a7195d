import { describe, expect, it } from 'vitest';
import { matchFaq, toWords } from './faq-match.ts';

const shipping = { question: 'How long does shipping take?', answer: 'Orders leave our shop within two working days.' };
const tea = { question: 'Máte sypaný čaj?', answer: 'Ano, přes 40 druhů.' };
const returns = { question: 'Can I return an order?', answer: 'Yes, within 14 days, unopened.' };
const payment = { question: 'Which payment methods do you accept?', answer: 'Cards and bank transfer.' };
const faq = [shipping, tea, returns, payment];

describe('toWords', () => {
  it('lowercases, strips diacritics, splits on anything but letters and digits and drops words under 3 letters', () => {
    expect(toWords('Máte SYPANÝ čaj? Je to 100% Ceylon, ok')).toEqual(['mate', 'sypany', 'caj', '100', 'ceylon']);
  });
  it('keeps letters that have no decomposition, such as the Polish ł', () => {
    expect(toWords('Czy mogę zapłacić kartą?')).toEqual(['czy', 'moge', 'zapłacic', 'karta']);
  });
});

describe('matchFaq', () => {
  it('matches regardless of diacritics and case: "čaj" finds "Caj"', () => {
    const plain = { question: 'Caj sypany nebo v sackach?', answer: 'Oboje.' };
    expect(matchFaq('Prodáváte čaj sypaný?', [shipping, plain])).toEqual([plain]);
    expect(matchFaq('mate caj sypany', [tea])).toEqual([tea]);
  });

  it('counts a typed word that begins a word of the entry, so "ship" finds "shipping"', () => {
    expect(matchFaq('when do you ship my order', faq)).toEqual([shipping]);
  });

  it('suggests nothing below the threshold: one common word in a question is not enough', () => {
    expect(matchFaq('Hello, can you help me', faq)).toEqual([]);
    // "can" is in a question (2) and "you" in another question only: each entry scores 2.
    expect(matchFaq('can something', faq)).toEqual([]);
  });

  it('waits for two meaningful words (short words do not count)', () => {
    expect(matchFaq('shipping', faq)).toEqual([]);
    expect(matchFaq('is it to shipping', faq)).toEqual([]);
    expect(matchFaq('shipping take', faq)).toEqual([shipping]);
  });

  it('returns at most two entries, best first, ties in the owner\'s order', () => {
    const a = { question: 'Gift wrapping?', answer: 'For orders over 500 CZK.' };
    const b = { question: 'Gift wrapping and gift cards?', answer: 'Yes.' };
    const c = { question: 'Gift cards and wrapping paper?', answer: 'Yes, both.' };
    expect(matchFaq('gift wrapping cards', [a, b, c])).toEqual([b, c]);
    expect(matchFaq('gift wrapping', [a, b, c])).toEqual([a, b]);
  });

  it('weights the question above the answer', () => {
    const inAnswer = { question: 'Delivery?', answer: 'We accept payment by card or bank transfer.' };
    expect(matchFaq('payment card transfer', [inAnswer, payment])).toEqual([payment, inAnswer]);
  });

  it('suggests nothing from an empty list or for empty text', () => {
    expect(matchFaq('how long does shipping take', [])).toEqual([]);
    expect(matchFaq('', faq)).toEqual([]);
  });
});
