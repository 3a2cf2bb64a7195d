import type { SiteMembership } from '../../shared/index.ts';
import type { ApiClient } from '../transport/index.ts';
import { placeServerError } from './form-errors.ts';

export type AddSiteResult = { ok: true; site: SiteMembership } | { ok: false; nameError: string | null; message: string | null };

/** The sentences of the name check, the server's own (shared CreateSiteRequest). */
export interface SiteNameSentences {
  empty: string;
  tooLong: string;
}

export function checkSiteName(name: string, sentences: SiteNameSentences): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return sentences.empty;
  if (trimmed.length > 80) return sentences.tooLong;
  return null;
}

/**
 * Creates a site and then refreshes the session, so the site selector lists it before the screen selects it.
 * A refusal from the server goes next to the name when it is about the name.
 */
export async function addSite(
  { api, refreshSession, sentences }: { api: ApiClient; refreshSession: () => Promise<void>; sentences: SiteNameSentences },
  name: string,
): Promise<AddSiteResult> {
  const problem = checkSiteName(name, sentences);
  if (problem) return { ok: false, nameError: problem, message: null };
  const result = await api.createSite(name.trim());
  if (!result.ok) {
    const placed = placeServerError(result.error, ['name']);
    return { ok: false, nameError: placed.fields.name ?? null, message: placed.message };
  }
  await refreshSession();
  return { ok: true, site: result.data.site };
}

/** Renames a site (its key stays), then refreshes the session so every list shows the new name. */
export async function renameSite(
  { api, refreshSession, sentences }: { api: ApiClient; refreshSession: () => Promise<void>; sentences: SiteNameSentences },
  siteId: string,
  name: string,
): Promise<AddSiteResult> {
  const problem = checkSiteName(name, sentences);
  if (problem) return { ok: false, nameError: problem, message: null };
  const result = await api.renameSite(siteId, name.trim());
  if (!result.ok) {
    const placed = placeServerError(result.error, ['name']);
    return { ok: false, nameError: placed.fields.name ?? null, message: placed.message };
  }
  await refreshSession();
  return { ok: true, site: result.data.site };
}

/** The sites the operator owns, by name: the "Your sites" list. */
export function ownedSites(sites: readonly SiteMembership[]): SiteMembership[] {
  return sites.filter((site) => site.role === 'owner');
}
