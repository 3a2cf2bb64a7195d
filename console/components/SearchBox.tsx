import type { SearchHit } from '../../shared/index.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { highlightMatches } from '../state/index.ts';
import type { ClientResult } from '../transport/index.ts';
import { useUi } from './ui-context.ts';

interface Props {
  search: (query: string) => Promise<ClientResult<{ hits: SearchHit[] }>>;
  hrefFor: (conversationId: string) => string;
}

/** Wait for a pause in typing before asking the server. */
const DEBOUNCE_MS = 250;
/** The server refuses shorter queries (shared SearchRequest). */
const MIN_QUERY_LENGTH = 2;

type Results =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'ready'; query: string; hits: SearchHit[] }
  | { status: 'error'; message: string };

/**
 * Searches every conversation the operator can see, by visitor name, e-mail and message text, and lists the
 * matches as links under the field. Asks once typing pauses, from two characters on; only the answer to the
 * newest query is shown, however the answers arrive. Escape clears the search.
 */
export function SearchBox({ search, hrefFor }: Props) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>({ status: 'idle' });
  /** Bumped for every query (and on unmount): an answer for an older number is dropped. */
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    const trimmed = query.trim();
    if (trimmed.length < MIN_QUERY_LENGTH) {
      setResults({ status: 'idle' });
      return;
    }
    setResults({ status: 'searching' });
    const timer = setTimeout(() => {
      void search(trimmed).then((result) => {
        if (request !== latest.current) return;
        setResults(result.ok ? { status: 'ready', query: trimmed, hits: result.data.hits } : { status: 'error', message: result.error.message });
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => () => void ++latest.current, []);

  return (
    <div class="search" role="search">
      <label class="search__label" for="conversation-search">
        {t.searchLabel}
      </label>
      <div class="search__box">
        <svg class="search__icon" viewBox="0 0 16 16" width="15" height="15" aria-hidden="true" focusable="false">
          <circle cx="7" cy="7" r="4.75" fill="none" stroke="currentColor" stroke-width="1.6" />
          <path d="m10.5 10.5 3.75 3.75" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
        </svg>
        <input
          id="conversation-search"
          placeholder={t.searchLabel}
          class="search__field"
          type="search"
          autocomplete="off"
          spellcheck={false}
          value={query}
          aria-describedby="conversation-search-hint"
          onInput={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query !== '') {
              event.preventDefault();
              event.stopPropagation();
              setQuery('');
            }
          }}
        />
      </div>
      <p id="conversation-search-hint" class="visually-hidden">
        {t.searchHint}
      </p>
      <p class="search__status" role="status">
        {results.status === 'searching' && t.searching}
        {results.status === 'ready' && (results.hits.length === 0 ? t.searchNoResults : <span class="visually-hidden">{t.searchResultCount(results.hits.length)}</span>)}
      </p>
      {results.status === 'error' && (
        <p class="search__error alert" role="alert">
          {results.message}
        </p>
      )}
      {results.status === 'ready' && results.hits.length > 0 && (
        <ul class="search__results" aria-label={t.searchResultsLabel}>
          {results.hits.map((hit) => (
            <li key={hit.conversation.id}>
              <SearchResult hit={hit} query={results.query} href={hrefFor(hit.conversation.id)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SearchResult({ hit, query, href }: { hit: SearchHit; query: string; href: string }) {
  const { time, now } = useUi();
  const c = hit.conversation;
  const when = c.lastMessage?.createdAt ?? c.createdAt;
  const detail = hit.snippet ?? c.visitorEmail;
  return (
    <a class="search-hit" href={href}>
      <span class="search-hit__top">
        <span class="search-hit__name">
          <Highlighted text={c.visitorName} query={query} />
        </span>
        <time class="search-hit__time" dateTime={when} title={time.full(when)}>
          {time.short(when, new Date(now.value))}
        </time>
      </span>
      {detail && (
        <span class="search-hit__snippet">
          <Highlighted text={detail} query={query} />
        </span>
      )}
    </a>
  );
}

/** Visitor-written text with the searched words in `<mark>`: text nodes only, never HTML. */
function Highlighted({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlightMatches(text, query).map((segment, index) =>
        segment.isMatch ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}
