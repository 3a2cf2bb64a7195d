import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ReadonlySignal } from '@preact/signals';
import type { Language, TimeFormatter } from '../i18n/index.ts';
import type { LeaveGuard } from '../state/leave-guard.ts';

/** What the views need from the browser, provided by main.tsx so components never read `window` themselves. */
export interface UiEnvironment {
  time: TimeFormatter;
  /** The current time, refreshed every 30 s so countdowns and "today" stay right without fetching. */
  now: ReadonlySignal<number>;
  /** Put the cursor in the reply field when a conversation opens (not on touch screens: the keyboard would cover the thread). */
  focusComposerOnOpen: boolean;
  /** The console's language, chosen at start (console/choose-language.ts). */
  language: Language;
  /** Remembers another language and reloads the console in it. */
  chooseLanguage: (language: Language) => void;
  /** A screen wide enough to show the visitor's context beside the thread (it starts folded otherwise). */
  isWide: boolean;
  /** Where a screen says it holds unsaved changes, so leaving it (another screen, closing the tab) asks first. */
  leaveGuard: LeaveGuard;
}

export const UiContext = createContext<UiEnvironment | null>(null);

export function useUi(): UiEnvironment {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('UiContext is not provided.');
  return ui;
}
