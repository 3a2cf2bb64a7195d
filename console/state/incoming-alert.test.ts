import { describe, expect, it } from 'vitest';
import { aMessage, aSummary } from './fixtures.test-helpers.ts';
import { incomingAlert } from './incoming-alert.ts';

const base = { message: aMessage(1), conversation: aSummary('c1'), operatorId: 'op1', isPageVisible: false, isNewConversation: false };

describe('incomingAlert', () => {
  it("alerts of a visitor's message while the tab is hidden, and says when the conversation is new", () => {
    expect(incomingAlert(base)).toEqual({ kind: 'message', visitorName: 'Visitor c1', body: 'message 1', conversationId: 'c1' });
    expect(incomingAlert({ ...base, isNewConversation: true })?.kind).toBe('newConversation');
  });

  it('stays quiet while the operator is looking at the console', () => {
    expect(incomingAlert({ ...base, isPageVisible: true })).toBeNull();
  });

  it("stays quiet for operators' and automatic messages", () => {
    expect(incomingAlert({ ...base, message: aMessage(1, { author: 'operator', operatorId: 'op2' }) })).toBeNull();
    expect(incomingAlert({ ...base, message: aMessage(1, { author: 'system' }) })).toBeNull();
  });

  it("alerts for the operator's own and unassigned conversations, not for a colleague's", () => {
    expect(incomingAlert({ ...base, conversation: aSummary('c1', { assigneeId: 'op1' }) })).not.toBeNull();
    expect(incomingAlert({ ...base, conversation: aSummary('c1', { assigneeId: 'op2' }) })).toBeNull();
  });
});
