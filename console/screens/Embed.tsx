import type { SiteMembership } from '../../shared/index.ts';
import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { embedSnippet, QUEUE_STUB } from '../state/index.ts';
import '../schedule.css';

interface Props {
  site: SiteMembership;
  copyText: (text: string) => Promise<boolean>;
  /** Where this console (and so the widget) is served; main.tsx passes location.origin. Defaults to it. */
  origin?: string;
}

/** The one line to paste into the site, with how to use it (owners only). */
export function Embed({ site, copyText, origin = location.origin }: Props) {
  const snippet = embedSnippet(origin, site.key);
  const [copied, setCopied] = useState<string>('');

  async function copy(text: string) {
    setCopied('');
    setCopied((await copyText(text)) ? t.copied : t.copyFailed);
  }

  return (
    <section class="admin embed" aria-labelledby="embed-heading">
      <h1 id="embed-heading" class="admin__heading">
        {t.embedHeading(site.name)}
      </h1>
      <p role="status" class="embed__copied">
        {copied}
      </p>

      <h2 id="embed-snippet-heading" class="admin__subheading">
        {t.embedSnippetHeading}
      </h2>
      <div class="embed__row">
        <pre class="embed__code" aria-label={t.embedSnippetLabel} tabIndex={0}>
          <code id="embed-snippet">{snippet}</code>
        </pre>
        <button type="button" class="button" onClick={() => void copy(snippet)}>
          {t.copySnippetButton}
        </button>
      </div>

      <h2 class="admin__subheading">{t.embedHtmlHeading}</h2>
      <ol>
        {t.embedHtmlSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>

      <h2 class="admin__subheading">{t.embedSpaHeading}</h2>
      <p>{t.embedSpaLoadOnce}</p>
      <p>{t.embedSpaIdentify}</p>
      <pre class="embed__code">
        <code>{"Porchlight('identify', { id: 'customer-42', name: 'Jana Nováková', email: 'jana@example.com', hash: '…from your server' });"}</code>
      </pre>
      <p>{t.embedSpaReset}</p>
      <pre class="embed__code">
        <code>{"Porchlight('reset');"}</code>
      </pre>

      <h2 class="admin__subheading">{t.embedStubHeading}</h2>
      <p>{t.embedStubText}</p>
      <div class="embed__row">
        <pre class="embed__code" aria-label={t.embedStubLabel} tabIndex={0}>
          <code>{QUEUE_STUB}</code>
        </pre>
        <button type="button" class="button button--quiet" onClick={() => void copy(QUEUE_STUB)}>
          {t.copyStubButton}
        </button>
      </div>

      <h2 class="admin__subheading">{t.embedOriginsHeading}</h2>
      <p>{t.embedOriginsText}</p>
      <p class="admin__intro">{t.embedDocsText}</p>
    </section>
  );
}
