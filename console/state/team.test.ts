import { describe, expect, it, vi } from 'vitest';
import type { TeamMember } from '../../shared/index.ts';
import { fakeApi } from './fake-api.test-helpers.ts';
import { createTeam } from './team.ts';

const owner: TeamMember = { id: 'o1', email: 'ana@example.com', name: 'Ana', role: 'owner', createdAt: '2026-03-12T10:00:00.000Z' };
const lenka: TeamMember = { id: 'o2', email: 'lenka@example.com', name: 'Lenka', role: 'operator', createdAt: '2026-03-12T11:00:00.000Z' };
const form = { name: 'Lenka', email: 'lenka@example.com', role: 'operator' as const, password: '' };

describe('team', () => {
  it('lists the team, or says why it could not', async () => {
    const team = createTeam({ api: fakeApi({ listTeam: async () => ({ ok: true, data: { operators: [owner] } }) }), siteId: 's1' });
    expect(team.loadState.value).toEqual({ status: 'loading' });
    await team.load();
    expect(team.members.value).toEqual([owner]);
    expect(team.loadState.value).toEqual({ status: 'ready' });

    const failing = createTeam({
      api: fakeApi({ listTeam: async () => ({ ok: false, error: { code: 'forbidden', message: 'You do not have access to this.' } }) }),
      siteId: 's1',
    });
    await failing.load();
    expect(failing.loadState.value).toEqual({ status: 'error', message: 'You do not have access to this.' });
  });

  it('adds an operator with a generated password and lists them', async () => {
    const createOperator = vi.fn(async () => ({ ok: true as const, data: { operator: lenka, generatedPassword: 'kx7-generated-pw' } }));
    const team = createTeam({ api: fakeApi({ listTeam: async () => ({ ok: true, data: { operators: [owner] } }), createOperator }), siteId: 's1' });
    await team.load();
    const result = await team.addOperator(form);
    expect(createOperator).toHaveBeenCalledWith('s1', { name: 'Lenka', email: 'lenka@example.com', role: 'operator' });
    expect(result).toEqual({ ok: true, member: lenka, generatedPassword: 'kx7-generated-pw' });
    expect(team.members.value).toEqual([owner, lenka]);
    expect(team.isBusy.value).toBe(false);
  });

  it('does not ask the server about a form with mistakes', async () => {
    const team = createTeam({ api: fakeApi({}), siteId: 's1' });
    const result = await team.addOperator({ ...form, email: 'lenka' });
    expect(result).toEqual({ ok: false, fields: { email: 'Enter a valid e-mail address.' }, message: null });
  });

  it('shows a taken e-mail next to the e-mail field, and other refusals in the form alert', async () => {
    const taken = createTeam({
      api: fakeApi({ createOperator: async () => ({ ok: false, error: { code: 'email_taken', message: 'An operator with this e-mail address already exists.' } }) }),
      siteId: 's1',
    });
    expect(await taken.addOperator(form)).toEqual({ ok: false, fields: { email: 'An operator with this e-mail address already exists.' }, message: null });

    const offline = createTeam({ api: fakeApi({ createOperator: async () => ({ ok: false, error: { code: 'network', message: 'No connection.' } }) }), siteId: 's1' });
    expect(await offline.addOperator(form)).toEqual({ ok: false, fields: {}, message: 'No connection.' });
  });

  it('sends one request when the form is submitted twice quickly', async () => {
    let answer: (value: { ok: true; data: { operator: TeamMember; generatedPassword: null } }) => void = () => {};
    const createOperator = vi.fn(() => new Promise<{ ok: true; data: { operator: TeamMember; generatedPassword: null } }>((resolve) => (answer = resolve)));
    const team = createTeam({ api: fakeApi({ createOperator }), siteId: 's1' });
    const first = team.addOperator(form);
    expect(await team.addOperator(form)).toEqual({ ok: false, fields: {}, message: null });
    answer({ ok: true, data: { operator: lenka, generatedPassword: null } });
    expect(await first).toMatchObject({ ok: true });
    expect(createOperator).toHaveBeenCalledTimes(1);
  });

  it('keeps the last owner and passes on the server’s reason', async () => {
    const lastOwner = { code: 'last_owner' as const, message: 'A site needs at least one owner. Make someone else an owner first.' };
    const team = createTeam({
      api: fakeApi({ listTeam: async () => ({ ok: true, data: { operators: [owner] } }), removeOperator: async () => ({ ok: false, error: lastOwner }) }),
      siteId: 's1',
    });
    await team.load();
    expect(await team.removeOperator('o1')).toEqual({ ok: false, error: lastOwner });
    expect(team.members.value).toEqual([owner]);
  });

  it('takes a removed operator off the list, also when they were already gone', async () => {
    const removeOperator = vi.fn()
      .mockResolvedValueOnce({ ok: true, data: null })
      .mockResolvedValueOnce({ ok: false, error: { code: 'operator_not_found', message: 'This operator is not a member of this site.' } });
    const team = createTeam({ api: fakeApi({ listTeam: async () => ({ ok: true, data: { operators: [owner, lenka] } }), removeOperator }), siteId: 's1' });
    await team.load();
    await team.removeOperator('o2');
    expect(team.members.value).toEqual([owner]);
    await team.load();
    await team.removeOperator('o2');
    expect(team.members.value).toEqual([owner]);
    expect(removeOperator).toHaveBeenCalledWith('s1', 'o2');
  });

  it('asks the server to generate a new password', async () => {
    const resetPassword = vi.fn(async () => ({ ok: true as const, data: { generatedPassword: 'new-generated-pw' } }));
    const team = createTeam({ api: fakeApi({ resetPassword }), siteId: 's1' });
    expect(await team.resetPassword('o2')).toEqual({ ok: true, data: { generatedPassword: 'new-generated-pw' } });
    expect(resetPassword).toHaveBeenCalledWith('s1', 'o2');
  });
});
