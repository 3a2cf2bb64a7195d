import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiToken, SiteMembership } from '../../../shared/index.ts';
import { t } from '../../i18n/index.ts';
import { addSite, createApiTokens, createIdentitySecret, ownedSites, renameSite } from '../../state/index.ts';
import type { ApiClient } from '../../transport/index.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import { FormField } from '../FormField.tsx';
import { useUi } from '../ui-context.ts';
import { OneTimeSecret } from './OneTimeSecret.tsx';

interface SiteProps {
  api: ApiClient;
  site: SiteMembership;
  copyText: (text: string) => Promise<boolean>;
}

/** The identity-verification secret: made or replaced at once (with a warning), shown once. */
export function IdentitySecretSection({ api, site, copyText }: SiteProps) {
  const { time } = useUi();
  const identity = useMemo(() => createIdentitySecret({ api, siteId: site.id }), [api, site.id]);
  useEffect(() => {
    void identity.load();
  }, [identity]);
  const [isAsking, setAsking] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const status = identity.status.value;
  const loadState = identity.loadState.value;

  async function rotate() {
    setAsking(false);
    setAlert(null);
    const result = await identity.rotate();
    if (result.ok) setSecret(result.data.secret);
    else if (result.error.message) setAlert(result.error.message);
  }

  return (
    <section class="settings-section" aria-labelledby="settings-identity-secret-heading">
      <h2 id="settings-identity-secret-heading" class="admin__subheading">
        {t.identitySecretHeading}
      </h2>
      <p class="admin__intro">{t.identitySecretIntro}</p>
      {loadState.status === 'loading' && <p class="note">{t.loadingSecret}</p>}
      {loadState.status === 'error' && (
        <p role="alert" class="alert">
          {loadState.message}
        </p>
      )}
      {status && <p>{status.exists && status.createdAt ? t.identitySecretSince(time.full(status.createdAt)) : t.identitySecretNone}</p>}
      <p role="alert" class="alert admin__alert">
        {alert}
      </p>
      {secret && (
        <OneTimeSecret
          id="identity-secret"
          heading={t.newSecretHeading}
          secret={secret}
          copyText={copyText}
          onDone={() => {
            setSecret(null);
            buttonRef.current?.focus();
          }}
        />
      )}
      {status && (
        <button
          ref={buttonRef}
          type="button"
          class="button settings-inline-button"
          aria-disabled={identity.isBusy.value ? 'true' : undefined}
          // A first secret breaks nothing; replacing one does, so only that asks first.
          onClick={() => (status.exists ? setAsking(true) : void rotate())}
        >
          {status.exists ? t.rotateSecretButton : t.generateSecretButton}
        </button>
      )}
      {isAsking && (
        <ConfirmDialog
          message={t.rotateSecretQuestion}
          confirmLabel={t.rotateSecretConfirm}
          cancelLabel={t.cancelButton}
          onConfirm={() => void rotate()}
          onCancel={() => {
            setAsking(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </section>
  );
}

/** The site's API tokens: create with a name (shown once), list, revoke with a confirmation. */
export function ApiTokensSection({ api, site, copyText }: SiteProps) {
  const { time } = useUi();
  const tokens = useMemo(
    () => createApiTokens({ api, siteId: site.id, sentences: { empty: t.apiTokenNameEmpty, tooLong: t.apiTokenNameTooLong } }),
    [api, site.id],
  );
  useEffect(() => {
    void tokens.load();
  }, [tokens]);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const list = tokens.tokens.value;
  const loadState = tokens.loadState.value;

  async function create(event: Event) {
    event.preventDefault();
    setStatus(null);
    setAlert(null);
    const result = await tokens.create(name);
    if (!result.ok) {
      setNameError(result.nameError);
      setAlert(result.message);
      if (result.nameError) nameRef.current?.focus();
      return;
    }
    setNameError(null);
    setName('');
    setCreated({ name: result.token.name, token: result.token.token });
  }

  async function revoke(token: ApiToken) {
    setRevoking(null);
    setStatus(null);
    setAlert(null);
    const result = await tokens.revoke(token.id);
    if (result.ok) setStatus(t.apiTokenRevoked(token.name));
    else setAlert(result.error.message);
    headingRef.current?.focus();
  }

  return (
    <section class="settings-section" aria-labelledby="settings-tokens-heading">
      <h2 id="settings-tokens-heading" class="admin__subheading" tabIndex={-1} ref={headingRef}>
        {t.apiTokensHeading}
      </h2>
      <p class="admin__intro">{t.apiTokensIntro}</p>
      <p role="status" class="admin__status">
        {status}
      </p>
      <p role="alert" class="alert admin__alert">
        {alert}
      </p>
      {created && (
        <OneTimeSecret
          id="api-token"
          heading={t.newApiTokenHeading(created.name)}
          secret={created.token}
          copyText={copyText}
          onDone={() => {
            setCreated(null);
            nameRef.current?.focus();
          }}
        />
      )}
      {loadState.status === 'loading' && <p class="note">{t.loadingApiTokens}</p>}
      {loadState.status === 'error' && (
        <p role="alert" class="alert">
          {loadState.message}
        </p>
      )}
      {loadState.status === 'ready' && list.length === 0 && <p class="note settings-empty">{t.noApiTokens}</p>}
      {list.length > 0 && (
        <table class="admin-table" aria-labelledby="settings-tokens-heading">
          <thead>
            <tr>
              <th scope="col">{t.apiTokenColumnName}</th>
              <th scope="col">{t.apiTokenColumnCreated}</th>
              <th scope="col">{t.apiTokenColumnLastUsed}</th>
              <th scope="col">
                <span class="visually-hidden">{t.apiTokenColumnActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>{time.full(token.createdAt)}</td>
                <td>{token.lastUsedAt === null ? t.apiTokenNeverUsed : time.full(token.lastUsedAt)}</td>
                <td class="admin-table__actions">
                  <button
                    type="button"
                    class="button button--quiet button--small button--danger"
                    aria-label={t.revokeApiTokenLabel(token.name)}
                    onClick={() => setRevoking(token)}
                  >
                    {t.revokeApiTokenButton}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="settings-inline-form" noValidate onSubmit={(event) => void create(event)}>
        <FormField id="settings-token-name" label={t.apiTokenNameLabel} help={t.apiTokenNameHelp} error={nameError ?? undefined}>
          {(control) => <input {...control} ref={nameRef} type="text" autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </FormField>
        <button type="submit" class="button" aria-disabled={tokens.isBusy.value ? 'true' : undefined}>
          {t.createApiTokenButton}
        </button>
      </form>
      {revoking && (
        <ConfirmDialog
          message={t.revokeApiTokenQuestion(revoking.name)}
          confirmLabel={t.revokeApiTokenConfirm}
          cancelLabel={t.cancelButton}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        />
      )}
    </section>
  );
}

interface SitesProps {
  api: ApiClient;
  sites: readonly SiteMembership[];
  /** Reads the session again, so the site selector lists the new site. */
  refreshSession: () => Promise<void>;
  /** Makes the new site the selected one. */
  onSiteAdded: (site: SiteMembership) => void;
}

/** The sites the operator owns, with their keys, renaming one, and adding one. */
export function SitesSection({ api, sites, refreshSession, onSiteAdded }: SitesProps) {
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<{ siteId: string; name: string; error: string | null } | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const renameRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const owned = ownedSites(sites);
  const sentences = { empty: t.siteNameEmpty, tooLong: t.siteNameTooLong };
  const renamingId = renaming?.siteId;
  useEffect(() => {
    if (renamingId !== undefined) renameRef.current?.focus();
  }, [renamingId]);

  async function saveName(event: Event) {
    event.preventDefault();
    if (!renaming || isBusy) return;
    setAlert(null);
    setStatus(null);
    setBusy(true);
    const result = await renameSite({ api, refreshSession, sentences }, renaming.siteId, renaming.name);
    setBusy(false);
    if (!result.ok) {
      setRenaming({ ...renaming, error: result.nameError });
      setAlert(result.message);
      renameRef.current?.focus();
      return;
    }
    setRenaming(null);
    setStatus(t.siteRenamed(result.site.name));
    headingRef.current?.focus();
  }

  async function add(event: Event) {
    event.preventDefault();
    if (isBusy) return;
    setAlert(null);
    setBusy(true);
    const result = await addSite({ api, refreshSession, sentences: { empty: t.siteNameEmpty, tooLong: t.siteNameTooLong } }, name);
    setBusy(false);
    if (!result.ok) {
      setNameError(result.nameError);
      setAlert(result.message);
      if (result.nameError) nameRef.current?.focus();
      return;
    }
    setNameError(null);
    setName('');
    onSiteAdded(result.site);
  }

  return (
    <section class="settings-section" aria-labelledby="settings-sites-heading">
      <h2 id="settings-sites-heading" class="admin__subheading" tabIndex={-1} ref={headingRef}>
        {t.sitesHeading}
      </h2>
      <p class="admin__intro">{t.sitesIntro}</p>
      <p role="status" class="admin__status">
        {status}
      </p>
      <table class="admin-table" aria-labelledby="settings-sites-heading">
        <thead>
          <tr>
            <th scope="col">{t.siteColumnName}</th>
            <th scope="col">{t.siteColumnKey}</th>
            <th scope="col">
              <span class="visually-hidden">{t.siteColumnActions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {owned.map((site) => (
            <tr key={site.id}>
              <th scope="row">
                {renaming?.siteId === site.id ? (
                  <form class="settings-rename" noValidate onSubmit={(event) => void saveName(event)}>
                    <FormField id="settings-rename-site" label={t.newSiteNameLabel(site.name)} error={renaming.error ?? undefined}>
                      {(control) => (
                        <input
                          {...control}
                          ref={renameRef}
                          type="text"
                          autoComplete="off"
                          value={renaming.name}
                          onInput={(e) => setRenaming({ ...renaming, name: e.currentTarget.value })}
                          onKeyDown={(e) => {
                            if (e.key === 'Escape') setRenaming(null);
                          }}
                        />
                      )}
                    </FormField>
                    <div class="settings-rename__actions">
                      <button type="submit" class="button button--small" aria-disabled={isBusy ? 'true' : undefined}>
                        {t.saveSiteNameButton}
                      </button>
                      <button type="button" class="button button--quiet button--small" onClick={() => setRenaming(null)}>
                        {t.cancelButton}
                      </button>
                    </div>
                  </form>
                ) : (
                  site.name
                )}
              </th>
              <td>
                <code class="settings-key">{site.key}</code>
              </td>
              <td class="admin-table__actions">
                {renaming?.siteId !== site.id && (
                  <button
                    type="button"
                    class="button button--quiet button--small"
                    aria-label={t.renameSiteLabel(site.name)}
                    onClick={() => setRenaming({ siteId: site.id, name: site.name, error: null })}
                  >
                    {t.renameSiteButton}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="settings-inline-form" aria-labelledby="settings-add-site-heading" noValidate onSubmit={(event) => void add(event)}>
        <h3 id="settings-add-site-heading" class="settings-minor-heading">
          {t.addSiteHeading}
        </h3>
        <p role="alert" class="alert admin__alert">
          {alert}
        </p>
        <FormField id="settings-site-name" label={t.siteNameLabel} error={nameError ?? undefined}>
          {(control) => <input {...control} ref={nameRef} type="text" autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </FormField>
        <button type="submit" class="button" aria-disabled={isBusy ? 'true' : undefined}>
          {isBusy ? t.working : t.addSiteButton}
        </button>
      </form>
    </section>
  );
}
