import { describe, expect, it } from 'vitest';
import { createLeaveGuard } from './leave-guard.ts';

describe('the leave guard', () => {
  it('holds while any screen has unsaved changes', () => {
    const guard = createLeaveGuard();
    expect(guard.isHolding.value).toBe(false);
    guard.hold('settings', true);
    guard.hold('other', true);
    guard.hold('settings', false);
    expect(guard.isHolding.value).toBe(true);
    guard.hold('other', false);
    expect(guard.isHolding.value).toBe(false);
  });
});
