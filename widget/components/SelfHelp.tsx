import type { ReadonlySignal, Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Translator } from '../i18n/index.ts';
import { matchFaq, type Faq } from '../state/index.ts';

/** The owner's questions and answers, fetched the first time the visitor types (issue 3, item 8). */
export interface SelfHelpSource {
  /** Empty until fetched, and when the owner has none or the fetch failed. */
  entries: ReadonlySignal<Faq[]>;
  /** Fetches the entries on the first call; later calls do nothing. */
  load(): void;
  /** What the panel's polite live region says. */
  announcement: Signal<string>;
}

/**
 * "Maybe this helps:" above the message box, with the best-matching questions as disclosures whose answers
 * are plain text. Nothing blocks sending; the suggestions are announced once each time they appear.
 */
export function SelfHelp({ t, text, source }: { t: Translator; text: string; source: SelfHelpSource }) {
  const matches = matchFaq(text, source.entries.value);
  const isShown = matches.length > 0;
  const label = t.text('selfHelp');
  // Called while rendering (it does nothing after the first call, and sets state only once the answer arrives):
  // cheaper in bytes than an effect.
  if (text) source.load();
  useEffect(() => {
    // The best question only: enough to say what is on offer, short enough not to drown the typing.
    if (isShown) source.announcement.value = `${label} ${matches[0]!.question}`;
  }, [isShown]);
  return (
    isShown && (
      // Bare text rather than paragraphs (bytes): each <details> is a block of its own anyway.
      <div class="help">
        {label}
        {matches.map((m) => (
          <details key={m.question}>
            <summary>{m.question}</summary>
            {m.answer}
          </details>
        ))}
      </div>
    )
  );
}
