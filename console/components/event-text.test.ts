import { describe, expect, it } from 'vitest';
import { anEvent } from '../state/fixtures.test-helpers.ts';
import { eventSentence } from './event-text.ts';

const when = (iso: string) => `<${iso.slice(0, 10)}>`;

describe('eventSentence', () => {
  it('says who handed the conversation to whom', () => {
    const handoff = anEvent('e1', { kind: 'assigned', operatorId: 'op1', operatorName: 'Jana', targetOperatorId: 'op2', targetOperatorName: 'Petr' });
    expect(eventSentence(handoff, 'op3', when)).toBe('Jana assigned this to Petr');
    expect(eventSentence(handoff, 'op1', when)).toBe('You assigned this to Petr');
    expect(eventSentence({ ...handoff, targetOperatorId: null, targetOperatorName: null }, 'op3', when)).toBe(
      'Jana handed this back to the whole team',
    );
  });

  it('tells a reopen by the visitor writing again from one by an operator', () => {
    expect(eventSentence(anEvent('e1', { kind: 'reopened', operatorId: null, operatorName: null }), 'op1', when)).toBe(
      'The visitor wrote again; the conversation is open again',
    );
    expect(eventSentence(anEvent('e1', { kind: 'reopened' }), 'op2', when)).toBe('Jana reopened this');
  });

  it('names the promised time, a withdrawn promise, a follow-up and a rating', () => {
    const at = '2026-03-13T12:00:00.000Z';
    expect(eventSentence(anEvent('e1', { kind: 'update_promised', at }), 'op2', when)).toBe('Jana promised an update by <2026-03-13>');
    expect(eventSentence(anEvent('e1', { kind: 'update_promised', at: null }), 'op2', when)).toBe('Jana withdrew the promised update');
    expect(eventSentence(anEvent('e1', { kind: 'resolved', at }), 'op2', when)).toBe('Jana resolved this; follow-up <2026-03-13>');
    expect(eventSentence(anEvent('e1', { kind: 'rated', rating: 'bad', operatorId: null }), 'op2', when)).toBe(
      'The visitor rated this conversation: bad',
    );
  });
});
