import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

interface Props {
  /** Unique on the page: the heading's and warning's ids derive from it. */
  id: string;
  heading: string;
  secret: string;
  /** What to do with it; the standard "shown only once" sentence when absent. */
  warning?: string;
  /** The dismiss button's label; "Done" when absent. */
  doneLabel?: string;
  copyText: (text: string) => Promise<boolean>;
  onDone: () => void;
}

/**
 * A secret the server shows this once (an API token, the identity secret, a generated password): framed, with a copy button, and the
 * focus on its heading so it is read first. It lives in the screen's memory until dismissed; never stored.
 */
export function OneTimeSecret({ id, heading, secret, warning, doneLabel, copyText, onDone }: Props) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const valueRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setCopyState('idle');
    headingRef.current?.focus();
  }, [secret]);

  async function copy() {
    const copied = await copyText(secret);
    setCopyState(copied ? 'copied' : 'failed');
    // So the owner can copy it by hand when the browser refused.
    if (!copied) valueRef.current?.select();
  }

  return (
    <section class="one-time" aria-labelledby={`${id}-heading`} aria-describedby={`${id}-warning`}>
      <h3 id={`${id}-heading`} class="one-time__heading" tabIndex={-1} ref={headingRef}>
        {heading}
      </h3>
      <p id={`${id}-warning`} class="one-time__warning">
        {warning ?? t.shownOnceWarning}
      </p>
      <div class="one-time__row">
        <input
          ref={valueRef}
          class="one-time__value"
          type="text"
          readOnly
          value={secret}
          aria-labelledby={`${id}-heading`}
          spellcheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void copy()}>
          {t.copyButton}
        </button>
      </div>
      <p role="status" class="one-time__copied">
        {copyState === 'copied' ? t.copied : copyState === 'failed' ? t.copyFailed : ''}
      </p>
      <button type="button" class="button button--quiet" onClick={onDone}>
        {doneLabel ?? t.shownOnceDone}
      </button>
    </section>
  );
}
