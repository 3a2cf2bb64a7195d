import { describe, expect, it } from 'vitest';
import type { OperatorPresence, PresenceStatus } from '../../shared/index.ts';
import { displayedStatus, initialPresence, isActivityReported, reducePresence, type PresenceAction, type PresenceState } from './presence-state.ts';

const reasonFor = (status: PresenceStatus) => (status === 'away' ? 'chosen' : null);
const me = (status: PresenceStatus, awayReason: OperatorPresence['awayReason'] = reasonFor(status)): OperatorPresence => ({
  operatorId: 'o1',
  name: 'Jana',
  status,
  awayReason,
});
const colleague = (status: PresenceStatus, name = 'Petr', operatorId = 'o2'): OperatorPresence => ({ operatorId, name, status, awayReason: reasonFor(status) });

function run(...actions: PresenceAction[]): PresenceState {
  return actions.reduce(reducePresence, initialPresence('o1'));
}

describe('reducePresence', () => {
  it('takes the status found after a page load as the operator’s choice, not as auto-away', () => {
    const state = run({ type: 'listed', operators: [me('away'), colleague('online')] });
    expect(state).toMatchObject({ chosen: 'away', status: 'away', isIdleAway: false });
    expect(displayedStatus(state)).toBe('away');
  });

  it('lists online operators first, then away, then offline, by name within each', () => {
    const state = run({
      type: 'listed',
      operators: [colleague('offline', 'Adam', 'o3'), me('online'), colleague('away', 'Petr'), colleague('online', 'Eva', 'o4')],
    });
    expect(state.operators.map((p) => `${p.name}:${p.status}`)).toEqual(['Eva:online', 'Jana:online', 'Petr:away', 'Adam:offline']);
  });

  it('marks an away the server set after inactivity as such', () => {
    const state = run({ type: 'listed', operators: [me('online')] }, { type: 'changed', presence: me('away', 'idle') });
    expect(state).toMatchObject({ chosen: 'online', status: 'away', isIdleAway: true });
    expect(displayedStatus(state)).toBe('away');
    expect(state.operators).toEqual([me('away', 'idle')]);
  });

  it('takes an away chosen in another tab as the operator\'s choice, not as inactivity', () => {
    const state = run({ type: 'listed', operators: [me('online')] }, { type: 'changed', presence: me('away', 'chosen') });
    expect(state).toMatchObject({ chosen: 'away', status: 'away', isIdleAway: false });
  });

  it('clears the inactivity notice once the server confirms the operator is back online', () => {
    const state = run(
      { type: 'listed', operators: [me('online')] },
      { type: 'changed', presence: me('away', 'idle') },
      { type: 'requested', status: 'online' },
    );
    expect(displayedStatus(state)).toBe('online');
    expect(reducePresence(state, { type: 'answered', presence: me('online') })).toMatchObject({ status: 'online', requested: null, isIdleAway: false });
    // Refused: still away after inactivity, and the notice says so again.
    expect(reducePresence(state, { type: 'failed', message: 'No.', keepChoice: false })).toMatchObject({ status: 'away', isIdleAway: true });
  });

  it('does not call an away the operator chose inactivity', () => {
    const state = run(
      { type: 'listed', operators: [me('online')] },
      { type: 'requested', status: 'away' },
      { type: 'changed', presence: me('away') },
      { type: 'answered', presence: me('away') },
    );
    expect(state).toMatchObject({ chosen: 'away', status: 'away', isIdleAway: false, requested: null });
  });

  it('shows the requested status at once, and ignores an older echo while the request is on its way', () => {
    const state = run(
      { type: 'listed', operators: [me('online')] },
      { type: 'requested', status: 'away' },
      { type: 'changed', presence: me('online') },
    );
    expect(displayedStatus(state)).toBe('away');
    expect(state.status).toBe('online');
  });

  it('follows another tab of the same operator going online', () => {
    const state = run(
      { type: 'listed', operators: [me('away')] },
      { type: 'changed', presence: me('online') },
    );
    expect(state).toMatchObject({ chosen: 'online', status: 'online' });
  });

  it('keeps a choice made while offline, to send it on reconnect', () => {
    const state = run(
      { type: 'listed', operators: [me('online')] },
      { type: 'disconnected' },
      { type: 'requested', status: 'away' },
      { type: 'failed', message: 'You are offline.', keepChoice: true },
    );
    expect(state).toMatchObject({ chosen: 'away', requested: null, error: null, status: null });
    expect(displayedStatus(state)).toBe('away');
  });

  it('returns to the server’s status and says why when a change is refused', () => {
    const state = run(
      { type: 'listed', operators: [me('online')] },
      { type: 'requested', status: 'away' },
      { type: 'failed', message: 'Too many requests.', keepChoice: false },
    );
    expect(state).toMatchObject({ chosen: 'online', error: 'Too many requests.' });
    expect(displayedStatus(state)).toBe('online');
  });

  it('keeps the previous choice when a change is refused before the server has said anything', () => {
    const state = run({ type: 'requested', status: 'away' }, { type: 'failed', message: 'Something went wrong.', keepChoice: false });
    expect(state).toMatchObject({ chosen: null, status: null, error: 'Something went wrong.' });
    expect(displayedStatus(state)).toBe('online');
  });

  it('keeps a request cut off by a disconnect as the choice', () => {
    const state = run({ type: 'listed', operators: [me('online')] }, { type: 'requested', status: 'away' }, { type: 'disconnected' });
    expect(state).toMatchObject({ chosen: 'away', requested: null });
    expect(displayedStatus(state)).toBe('away');
  });

  it('says why the team could not be listed until it can', () => {
    const failed = run({ type: 'listFailed', message: 'Something went wrong.' });
    expect(failed.listError).toBe('Something went wrong.');
    expect(reducePresence(failed, { type: 'listed', operators: [me('online')] }).listError).toBeNull();
  });

  it('updates a colleague without touching the operator’s own status', () => {
    const state = run({ type: 'listed', operators: [me('online'), colleague('online')] }, { type: 'changed', presence: colleague('offline') });
    expect(state).toMatchObject({ status: 'online', isIdleAway: false });
    expect(state.operators).toEqual([me('online'), colleague('offline')]);
  });

  it('adds an operator it did not know yet', () => {
    const state = run({ type: 'listed', operators: [me('online')] }, { type: 'changed', presence: colleague('online', 'Adam', 'o3') });
    expect(state.operators.map((p) => p.name)).toEqual(['Adam', 'Jana']);
  });

  it('reports activity only while online and connected with nothing pending', () => {
    const online = run({ type: 'listed', operators: [me('online')] });
    expect(isActivityReported(online)).toBe(true);
    expect(isActivityReported(reducePresence(online, { type: 'changed', presence: me('away') }))).toBe(false);
    expect(isActivityReported(reducePresence(online, { type: 'requested', status: 'away' }))).toBe(false);
    expect(isActivityReported(reducePresence(online, { type: 'disconnected' }))).toBe(false);
  });
});
