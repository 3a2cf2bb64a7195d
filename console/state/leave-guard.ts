import { computed, signal, type ReadonlySignal } from '@preact/signals';

/**
 * Screens with unsaved changes register here; main.tsx asks before the console's hash route changes or the
 * page unloads. Kept free of `window` so the screens never touch it.
 */
export interface LeaveGuard {
  /** True while some screen holds unsaved changes. */
  isHolding: ReadonlySignal<boolean>;
  /** Marks (or clears) unsaved changes under a key, e.g. `settings`. */
  hold(key: string, hasUnsaved: boolean): void;
}

export function createLeaveGuard(): LeaveGuard {
  const holders = signal<ReadonlySet<string>>(new Set());
  return {
    isHolding: computed(() => holders.value.size > 0),
    hold(key, hasUnsaved) {
      if (holders.value.has(key) === hasUnsaved) return;
      const next = new Set(holders.value);
      if (hasUnsaved) next.add(key);
      else next.delete(key);
      holders.value = next;
    },
  };
}
