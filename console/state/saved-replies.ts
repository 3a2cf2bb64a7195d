import { signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { SavedReply } from '../../shared/index.ts';
import type { ApiClient } from '../transport/index.ts';

type LoadStatus = 'loading' | 'loaded' | 'failed';

interface SiteReplies {
  replies: Signal<SavedReply[]>;
  status: LoadStatus;
  /** Bumped by every load, so only the newest answer is kept when two overlap. */
  generation: number;
}

/**
 * The saved replies of each site, fetched the first time a site's are asked for and then kept for the page's
 * life (the saved-replies screen calls `reload` after a change). A failed fetch keeps what was shown and is
 * retried the next time the site's replies are asked for; the composer simply offers none meanwhile.
 */
export function createSavedReplies(api: Pick<ApiClient, 'listSavedReplies'>) {
  const sites = new Map<string, SiteReplies>();

  async function load(siteId: string, site: SiteReplies): Promise<void> {
    const generation = ++site.generation;
    site.status = 'loading';
    const result = await api.listSavedReplies(siteId);
    if (generation !== site.generation) return;
    if (result.ok) {
      site.status = 'loaded';
      site.replies.value = result.data.replies;
    } else {
      site.status = 'failed';
    }
  }

  function entry(siteId: string): { site: SiteReplies; isNew: boolean } {
    const existing = sites.get(siteId);
    if (existing) return { site: existing, isNew: false };
    const site: SiteReplies = { replies: signal<SavedReply[]>([]), status: 'loading', generation: 0 };
    sites.set(siteId, site);
    return { site, isNew: true };
  }

  return {
    /** The site's saved replies: empty at first, filled when the fetch answers. */
    repliesFor(siteId: string): ReadonlySignal<SavedReply[]> {
      const { site, isNew } = entry(siteId);
      if (isNew || site.status === 'failed') void load(siteId, site);
      return site.replies;
    },

    /** Fetches the site's replies again, e.g. after one was added, changed or deleted. */
    reload(siteId: string): Promise<void> {
      return load(siteId, entry(siteId).site);
    },
  };
}

export type SavedReplies = ReturnType<typeof createSavedReplies>;
