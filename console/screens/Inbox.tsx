import type { ReadonlySignal } from '@preact/signals';
import type { SavedReply, SessionInfo, SiteMembership } from '../../shared/index.ts';
import { useEffect, useState } from 'preact/hooks';
import {
  ConfirmDialog,
  ConnectionBanner,
  ConversationList,
  NotificationSetting,
  PresenceSwitch,
  Reminders,
  SearchBox,
  TeamPresence,
  useUi,
} from '../components/index.ts';
import { LanguageSelect } from '../components/LanguageSelect.tsx';
import { t } from '../i18n/index.ts';
import {
  conversationHref,
  groupConversations,
  inboxHref,
  savedRepliesHref,
  teamHref,
  settingsHref,
  scheduleHref,
  embedHref,
  sentMailHref,
  type SiteScreenName,
  type Inbox as InboxState,
  type InboxFilter,
  type Presence,
  type Reminders as RemindersState,
  type Route,
} from '../state/index.ts';
import type { createNotifier } from '../state/notifier.ts';
import type { ApiClient } from '../transport/index.ts';
import { Conversation } from './Conversation.tsx';
import { SavedReplies } from './SavedReplies.tsx';
import { Team } from './Team.tsx';
import { Settings } from './Settings.tsx';
import { Schedule } from './Schedule.tsx';
import { Embed } from './Embed.tsx';
import { SentMail } from './SentMail.tsx';

export type Notifier = ReturnType<typeof createNotifier>;

interface Props {
  inbox: InboxState;
  presence: Presence;
  session: SessionInfo;
  route: Route;
  reminders: RemindersState;
  notifier: Notifier;
  savedRepliesFor: (siteId: string) => ReadonlySignal<SavedReply[]>;
  /** For the team and saved-replies screens, which talk to the server over REST. */
  api: ApiClient;
  /** A saved reply was added, changed or deleted: the composer's copy of the site's replies is reloaded. */
  onSavedRepliesChanged: (siteId: string) => void;
  /** Puts text on the clipboard (a generated password); false when the browser refused. */
  copyText: (text: string) => Promise<boolean>;
  onLogout: () => void;
  onReload: () => void;
  /** Reads the session again, so a site created on the Settings screen is listed. */
  onRefreshSession: () => Promise<void>;
}

/**
 * The signed-in console: navigation, the operator's status, notifications and reminders in the header;
 * the grouped conversation list (with search, the Mine / All filter, and who of the team is online) beside
 * the open conversation; or the team and saved-replies screens. On a narrow screen list and conversation are
 * stacked and only one is shown (the URL decides which, so Back returns to the list). Signing out forgets
 * the replies not sent yet, so it asks first when there are any.
 */
export function Inbox({
  inbox,
  presence,
  session,
  route,
  reminders,
  notifier,
  savedRepliesFor,
  api,
  onSavedRepliesChanged,
  copyText,
  onLogout,
  onReload,
  onRefreshSession,
}: Props) {
  const { now, leaveGuard } = useUi();
  const listState = inbox.listState.value;
  const conversations = inbox.conversations.value;
  const unsent = inbox.unsentCount.value;
  const operatorId = session.operator.id;
  const openId = route.screen === 'inbox' ? route.conversationId : null;
  const [filter, setFilter] = useState<InboxFilter>('all');
  const [siteId, setSiteId] = useState<string | null>(session.sites[0]?.id ?? null);
  // Another site chosen while a screen holds unsaved changes: asked first, in the console's own dialog.
  const [pendingSiteId, setPendingSiteId] = useState<string | null>(null);
  const chooseSite = (id: string) => (leaveGuard.isHolding.peek() ? setPendingSiteId(id) : setSiteId(id));
  const [isConfirmingSignOut, setConfirmingSignOut] = useState(false);
  // Everything got delivered while the question was open: nothing is left to warn about.
  useEffect(() => {
    if (unsent === 0) setConfirmingSignOut(false);
  }, [unsent]);
  const signOut = () => {
    setConfirmingSignOut(false);
    inbox.clearOutbox();
    onLogout();
  };
  const ownsASite = session.sites.some((s) => s.role === 'owner');
  const site = session.sites.find((s) => s.id === siteId) ?? session.sites[0] ?? null;
  const groups = groupConversations(conversations, now.value, { filter, operatorId });
  const isMuted = notifier.muted.value;

  return (
    <div class="app">
      <header class="topbar">
        <p class="topbar__brand">
          <svg class="topbar__logo" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
            <path fill="currentColor" d="M8 1.5 1.5 6.6V14.5h4.8v-4.2h3.4v4.2h4.8V6.6z" />
          </svg>
          {t.appName}
        </p>
        <nav class="topnav" aria-label={t.mainNavLabel}>
          <a href={inboxHref} aria-current={route.screen === 'inbox' ? 'page' : undefined}>
            {t.navInbox}
          </a>
          <a href={savedRepliesHref} aria-current={route.screen === 'replies' ? 'page' : undefined}>
            {t.navSavedReplies}
          </a>
          {ownsASite && (
            <>
              <a href={teamHref} aria-current={route.screen === 'team' ? 'page' : undefined}>
                {t.navTeam}
              </a>
              <a href={settingsHref} aria-current={route.screen === 'settings' ? 'page' : undefined}>
                {t.navSettings}
              </a>
              <a href={scheduleHref} aria-current={route.screen === 'schedule' ? 'page' : undefined}>
                {t.navSchedule}
              </a>
              <a href={embedHref} aria-current={route.screen === 'embed' ? 'page' : undefined}>
                {t.navEmbed}
              </a>
              <a href={sentMailHref} aria-current={route.screen === 'mail' ? 'page' : undefined}>
                {t.navSentMail}
              </a>
            </>
          )}
        </nav>
        <PresenceSwitch presence={presence} />
        <button
          type="button"
          class="button button--quiet button--small mute-toggle"
          aria-pressed={isMuted ? 'true' : 'false'}
          onClick={() => {
            if (isMuted) void notifier.requestPermission();
            notifier.setMuted(!isMuted);
          }}
        >
          <BellIcon muted={isMuted} />
          <span class="mute-toggle__text">{t.muteNotifications}</span>
        </button>
        <p class="topbar__who">{t.signedInAs(session.operator.name)}</p>
        <LanguageSelect />
        <button type="button" class="button button--quiet" onClick={() => (unsent > 0 ? setConfirmingSignOut(true) : signOut())}>
          {t.signOutButton}
        </button>
      </header>
      <ConnectionBanner state={inbox.connection.value} onReload={onReload} />
      <Reminders reminders={reminders} />
      {route.screen === 'inbox' ? (
        <main class={`inbox${openId ? ' inbox--open' : ''}`}>
          <div class="inbox__side">
            <nav class="inbox__list" aria-labelledby="conversations-heading">
              <div class="inbox__tools">
                <h1 id="conversations-heading" class="inbox__heading">
                  {t.conversationsHeading}
                </h1>
                <fieldset class="segmented">
                  <legend class="visually-hidden">{t.inboxFilterLabel}</legend>
                  {(['mine', 'all'] as const).map((value) => (
                    <label key={value} class="segmented__option">
                      <input type="radio" name="inbox-filter" value={value} checked={filter === value} onChange={() => setFilter(value)} />
                      {value === 'mine' ? t.filterMine : t.filterAll}
                    </label>
                  ))}
                </fieldset>
              </div>
              <SearchBox search={(query: string) => inbox.search(query)} hrefFor={conversationHref} />
              {listState.status === 'error' && <p role="alert" class="alert">{listState.message}</p>}
              {listState.status === 'loading' && conversations.length === 0 && <p class="note">{t.loadingConversations}</p>}
              {listState.status === 'ready' && conversations.length === 0 && <p class="note">{t.noConversations}</p>}
              {conversations.length > 0 && (
                <ConversationList
                  groups={groups}
                  openId={openId}
                  operatorId={operatorId}
                  sites={session.sites}
                  sendingPreviews={inbox.sendingPreviews.value}
                />
              )}
            </nav>
            <TeamPresence presence={presence} />
          </div>
          <div class="inbox__detail">
            {openId ? (
              <Conversation
                key={openId}
                inbox={inbox}
                conversationId={openId}
                session={session}
                operators={presence.state.value.operators}
                savedRepliesFor={savedRepliesFor}
                api={api}
              />
            ) : (
              <p class="note inbox__placeholder">{t.chooseConversation}</p>
            )}
          </div>
        </main>
      ) : (
        <main class="screen">
          {session.sites.length > 1 && (
            <p class="screen__site">
              <label for="screen-site">{t.siteChooserLabel}</label>{' '}
              <select id="screen-site" value={site?.id ?? ''} onChange={(e) => chooseSite(e.currentTarget.value)}>
                {session.sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </p>
          )}
          {site && (
            <SiteScreen
              screen={route.screen}
              site={site}
              operatorId={operatorId}
              api={api}
              onSavedRepliesChanged={onSavedRepliesChanged}
              copyText={copyText}
              sites={session.sites}
              refreshSession={onRefreshSession}
              onSiteAdded={(added) => setSiteId(added.id)}
            />
          )}
        </main>
      )}
      {pendingSiteId !== null && (
        <ConfirmDialog
          message={t.leaveUnsavedQuestion}
          confirmLabel={t.leaveWithoutSavingButton}
          cancelLabel={t.stayOnScreenButton}
          onConfirm={() => {
            setSiteId(pendingSiteId);
            setPendingSiteId(null);
          }}
          onCancel={() => setPendingSiteId(null)}
        />
      )}
      {isConfirmingSignOut && unsent > 0 && (
        <ConfirmDialog
          message={t.unsentOnSignOut(unsent)}
          confirmLabel={t.signOutAnywayButton}
          cancelLabel={t.staySignedInButton}
          onConfirm={signOut}
          onCancel={() => setConfirmingSignOut(false)}
        />
      )}
    </div>
  );
}

interface SiteScreenProps extends Pick<Props, 'api' | 'onSavedRepliesChanged' | 'copyText'> {
  screen: SiteScreenName;
  site: SiteMembership;
  operatorId: string;
  sites: readonly SiteMembership[];
  refreshSession: () => Promise<void>;
  onSiteAdded: (site: SiteMembership) => void;
}

function SiteScreen({ screen, site, operatorId, api, onSavedRepliesChanged, copyText, sites, refreshSession, onSiteAdded }: SiteScreenProps) {
  if (screen === 'replies') return <SavedReplies key={site.id} api={api} site={site} onChanged={() => onSavedRepliesChanged(site.id)} />;
  if (screen === 'team' && site.role !== 'owner') {
    // Managing the team is for owners; everyone chooses their own notifications here.
    return (
      <>
        <p class="note">{t.ownersOnly}</p>
        <NotificationSetting api={api} isOwner={false} />
      </>
    );
  }
  if (site.role !== 'owner') return <p class="note">{screen === 'mail' ? t.ownersOnlyMail : t.ownersOnlySettings}</p>;
  if (screen === 'settings') {
    return <Settings key={site.id} api={api} site={site} copyText={copyText} sites={sites} refreshSession={refreshSession} onSiteAdded={onSiteAdded} />;
  }
  if (screen === 'schedule') return <Schedule key={site.id} api={api} site={site} />;
  if (screen === 'embed') return <Embed key={site.id} site={site} copyText={copyText} />;
  if (screen === 'mail') return <SentMail key={site.id} api={api} site={site} />;
  return (
    <>
      <Team key={site.id} api={api} site={site} operatorId={operatorId} copyText={copyText} />
      <NotificationSetting api={api} isOwner />
    </>
  );
}

/** The notifications bell, crossed out while muted: the shape tells the state with aria-pressed, not colour. */
function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
        d="M4 11.5V7.2a4 4 0 0 1 8 0v4.3l1.2 1.2H2.8zM6.5 14a1.6 1.6 0 0 0 3 0"
      />
      {muted && <path stroke="currentColor" stroke-width="1.6" stroke-linecap="round" d="M2 2l12 12" />}
    </svg>
  );
}
