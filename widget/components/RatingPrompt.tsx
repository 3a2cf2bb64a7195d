import { useLayoutEffect, useRef, useState } from 'preact/hooks';
// Zod-free protocol file, imported directly rather than through the protocol index (which pulls in zod).
import { LIMITS } from '../../shared/protocol/limits.ts';
import type { Translator } from '../i18n/index.ts';
import type { RatingPrompt as RatingPromptState } from '../state/index.ts';

interface Props {
  t: Translator;
  prompt: RatingPromptState;
  /** Where focus goes when the prompt closes under it (dismissed): the message box. */
  onClose(): void;
}

/**
 * "How did we do?" at the end of the thread after a resolve (issue 4, item 9): good / bad, then an optional
 * comment with Send / Skip (the choice stays visible, pressed, and can be changed), then thanks. Focus follows the step (the comment field, then the thanks), so a
 * keyboard never drops out of the panel; a failure is announced and keeps the comment for "Try again".
 */
export function RatingPrompt({ t, prompt, onClose }: Props) {
  const step = prompt.step.value;
  const [comment, setComment] = useState('');
  // What takes focus when the step changes: the comment field, "Try again", or the thanks. Each step's own
  // control replaces the one just pressed, which would otherwise leave focus on nothing.
  const section = useRef<HTMLElement>(null);
  const name = step?.step;
  useLayoutEffect(() => {
    const target = name === 'comment' ? 'textarea' : name === 'failed' ? '.send' : name === 'sent' ? '[tabindex]' : null;
    if (target) section.current?.querySelector<HTMLElement>(target)?.focus();
  }, [name]);
  if (!step) return null;

  // Still shown while commenting, pressed, so the choice is visible and can be changed before sending.
  const choice = (rating: 'good' | 'bad', emoji: string, label: string) => (
    <button
      type="button"
      class="choice"
      aria-pressed={'rating' in step && step.rating === rating}
      onClick={() => prompt.choose(rating)}
    >
      <span aria-hidden="true">{emoji}</span> {label}
    </button>
  );
  return (
    <section class="rate" aria-labelledby="pl-rate" ref={section}>
      <p id="pl-rate">{t.text('rateQuestion')}</p>
      {step.step === 'sent' ? (
        <p tabIndex={-1}>{t.text('rateThanks')}</p>
      ) : (
        <>
          {choice('good', '👍', t.text('rateGood'))}
          {choice('bad', '👎', t.text('rateBad'))}
        </>
      )}
      {/* Once a choice is made (commenting, sending, failed): the optional comment. */}
      {'rating' in step && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void prompt.send(comment);
          }}
        >
          <label for="pl-rate-c">{t.text('rateComment')}</label>
          <textarea
            id="pl-rate-c"
            class="input"
            rows={2}
            maxLength={LIMITS.ratingCommentLength}
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          {step.step === 'failed' && (
            <p class="error" role="alert">
              {t.text('rateFailed')}
            </p>
          )}
          {/* Never disabled while sending: a disabled button drops keyboard focus out of the panel. */}
          <button class="send" type="submit">
            {t.text(step.step === 'failed' ? 'rateRetry' : step.step === 'sending' ? 'sending' : 'send')}
          </button>
          {step.step !== 'failed' && (
            <button type="button" class="skip" onClick={() => void prompt.send('')}>
              {t.text('rateSkip')}
            </button>
          )}
        </form>
      )}
      {step.step !== 'sent' && (
        <button
          type="button"
          class="rate-x"
          aria-label={t.text('rateDismiss')}
          onClick={() => {
            prompt.dismiss();
            onClose();
          }}
        >
          ×
        </button>
      )}
    </section>
  );
}
