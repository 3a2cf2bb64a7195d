import type { MailDetail, MailSummary, SiteMembership } from '../../shared/index.ts';
import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useUi } from '../components/index.ts';
import { t } from '../i18n/index.ts';
import { conversationHref, createSentMail, mailKindName } from '../state/index.ts';
import type { ApiClient } from '../transport/index.ts';
import '../mail.css';

interface Props {
  api: ApiClient;
  site: SiteMembership;
}

/** A mail's status as a word in a tag: the word carries the meaning, the colour only repeats it. */
export function MailStatusTag({ status }: { status: MailSummary['status'] }) {
  return <span class={`mail-status mail-status--${status}`}>{t.mailStatuses[status]}</span>;
}

/**
 * The site's sent mail (owners): every mail Porchlight queued, newest first, with how it fared, a page at a
 * time; one opened shows its text, and its HTML only inside a sandboxed frame that runs nothing: the HTML
 * holds what visitors wrote, so it never becomes part of the console's page.
 */
export function SentMail({ api, site }: Props) {
  const sent = useMemo(() => createSentMail({ api, siteId: site.id }), [api, site.id]);
  const { time, now } = useUi();
  const today = new Date(now.value);
  const opener = useRef<HTMLButtonElement | null>(null);
  const detailHeading = useRef<HTMLHeadingElement | null>(null);
  useEffect(() => {
    void sent.load();
  }, [sent]);

  const openMail = sent.openMail.value;
  useEffect(() => {
    if (openMail.status === 'ready') detailHeading.current?.focus();
  }, [openMail.status]);

  const loadState = sent.loadState.value;
  const mails = sent.mails.value;
  const close = () => {
    sent.close();
    opener.current?.focus();
  };

  return (
    <section class="admin sent-mail" aria-labelledby="sent-mail-heading">
      <h1 id="sent-mail-heading" class="admin__heading">
        {t.sentMailHeading(site.name)}
      </h1>
      <p class="admin__intro">{t.sentMailIntro}</p>
      {sent.delivery.value === 'files' && <p class="sent-mail__files">{t.sentMailFilesNote}</p>}
      {loadState.status === 'loading' && <p class="note">{t.loadingMails}</p>}
      {loadState.status === 'error' && (
        <p role="alert" class="alert">
          {loadState.message}{' '}
          <button type="button" class="button button--small" onClick={() => void sent.load()}>
            {t.retryButton}
          </button>
        </p>
      )}
      {loadState.status === 'ready' && mails.length === 0 && <p class="note">{t.noMails}</p>}
      {mails.length > 0 && (
        <table class="admin-table mail-table">
          <caption class="visually-hidden">{t.sentMailTableCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.mailColumnTime}</th>
              <th scope="col">{t.mailColumnSubject}</th>
              <th scope="col">{t.mailColumnKind}</th>
              <th scope="col">{t.mailColumnRecipient}</th>
              <th scope="col">{t.mailColumnStatus}</th>
              <th scope="col">{t.mailColumnAttempts}</th>
              <th scope="col">{t.mailColumnError}</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={mail.id} class={openMail.status === 'ready' && openMail.mail.id === mail.id ? 'mail-table__open' : undefined}>
                <td data-label={t.mailColumnTime}>
                  <time dateTime={mail.createdAt} title={time.full(mail.createdAt)}>
                    {time.short(mail.createdAt, today)}
                  </time>
                </td>
                <th scope="row" data-label={t.mailColumnSubject}>
                  <button
                    type="button"
                    class="link-button"
                    onClick={(event) => {
                      opener.current = event.currentTarget;
                      void sent.open(mail.id);
                    }}
                  >
                    {mail.subject || t.mailNoSubject}
                  </button>
                </th>
                <td data-label={t.mailColumnKind}>{mailKindName(mail.kind, t.mailKinds)}</td>
                <td data-label={t.mailColumnRecipient} class="admin-table__email">
                  {mail.recipient}
                </td>
                <td data-label={t.mailColumnStatus}>
                  <MailStatusTag status={mail.status} />
                </td>
                <td data-label={t.mailColumnAttempts}>{mail.attempts}</td>
                <td data-label={t.mailColumnError} class="mail-table__error">
                  {mail.lastError ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sent.hasOlder.value && (
        <p>
          <button type="button" class="button button--quiet" disabled={sent.isLoadingOlder.value} onClick={() => void sent.loadOlder()}>
            {sent.isLoadingOlder.value ? t.loadingOlderMails : t.loadOlderMailsButton}
          </button>
        </p>
      )}
      {sent.olderError.value && (
        <p role="alert" class="alert">
          {sent.olderError.value}
        </p>
      )}
      {openMail.status === 'loading' && <p class="note" role="status">{t.loadingMail}</p>}
      {openMail.status === 'error' && (
        <p role="alert" class="alert">
          {openMail.message}
        </p>
      )}
      {openMail.status === 'ready' && <MailView mail={openMail.mail} headingRef={detailHeading} onClose={close} />}
    </section>
  );
}

function MailView({ mail, headingRef, onClose }: { mail: MailDetail; headingRef: RefObject<HTMLHeadingElement>; onClose: () => void }) {
  const { time } = useUi();
  return (
    <article class="mail-view" aria-labelledby="mail-view-heading">
      <div class="mail-view__top">
        <h2 id="mail-view-heading" class="admin__subheading" tabIndex={-1} ref={headingRef}>
          {mail.subject || t.mailNoSubject}
        </h2>
        <button type="button" class="button button--quiet button--small" onClick={onClose}>
          {t.closeMailButton}
        </button>
      </div>
      <dl class="mail-view__facts">
        <dt>{t.mailFromLabel}</dt>
        <dd>{mail.fromName}</dd>
        <dt>{t.mailColumnRecipient}</dt>
        <dd class="admin-table__email">{mail.recipient}</dd>
        <dt>{t.mailColumnKind}</dt>
        <dd>{mailKindName(mail.kind, t.mailKinds)}</dd>
        <dt>{t.mailColumnStatus}</dt>
        <dd>
          <MailStatusTag status={mail.status} />
          {mail.lastError && <span class="mail-table__error"> {mail.lastError}</span>}
        </dd>
        <dt>{t.mailSentAtLabel}</dt>
        <dd>{mail.sentAt ? time.full(mail.sentAt) : t.mailNotSentYet}</dd>
      </dl>
      {mail.conversationId && (
        <p>
          <a href={conversationHref(mail.conversationId)}>{t.mailOpenConversation}</a>
        </p>
      )}
      <h3 class="mail-view__heading">{t.mailTextHeading}</h3>
      <pre class="mail-view__text" tabIndex={0}>
        {mail.text}
      </pre>
      {mail.html && (
        <>
          <h3 class="mail-view__heading">{t.mailHtmlHeading}</h3>
          {/* sandbox="" : no scripts, no forms, no navigation of the console, a unique origin. */}
          <iframe class="mail-view__frame" sandbox="" srcdoc={mail.html} title={t.mailHtmlFrameTitle} referrerpolicy="no-referrer" />
        </>
      )}
    </article>
  );
}
