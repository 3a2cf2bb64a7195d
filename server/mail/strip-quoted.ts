/**
 * The new text of a reply mail: what the visitor wrote above the quoted history their mail program added.
 * Mail programs mark the history in many ways; these are the common ones, in the six languages we write in:
 * - a line introducing the quote ("On Mon, 3 Nov 2026 at 10:00, Jana <…> wrote:", "Dne … napsal(a):",
 *   "Am … schrieb …:", "W dniu … napisał(a):", "Dňa … napísal(a):", "… je napisao/la:"), possibly wrapped
 *   over two lines;
 * - Outlook's "-----Original Message-----" or a "From: … / Sent: …" header block;
 * - lines quoted with ">";
 * - a signature after "-- ".
 * Everything from the first such marker down is dropped; a reply written below the quote (rare) is kept
 * when nothing stands above it.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = lines.findIndex((line, i) => isQuoteStart(line, lines[i + 1]));
  const kept = cut < 0 ? lines : lines.slice(0, cut);
  const body = kept.join('\n').trim();
  if (body !== '') return body;
  // Bottom-posting: the history first, the answer after it; keep the unquoted lines.
  return lines
    .filter((line) => !line.startsWith('>'))
    .filter((line, i, all) => !isQuoteStart(line, all[i + 1]))
    .join('\n')
    .trim();
}

const INTRO_ENDINGS = [
  /\bwrote:\s*$/i, // en
  /\bnapsal(?:a|\(a\))?:\s*$/i, // cs
  /\bnapísal(?:a|\(a\))?:\s*$/i, // sk
  /\bnapisał(?:a|\(a\))?:\s*$/i, // pl
  /\bpisze:\s*$/i, // pl (Thunderbird)
  /\bnapisao(?:\/la)?:\s*$/i, // hr
  /\bnapisala:\s*$/i, // hr
  /\bschrieb(?:\s+[^:]*)?:\s*$/i, // de
];

function isIntro(line: string): boolean {
  return INTRO_ENDINGS.some((ending) => ending.test(line));
}

function isQuoteStart(line: string, next: string | undefined): boolean {
  const trimmed = line.trim();
  if (trimmed.startsWith('>')) return true;
  if (/^-{2,}\s*(original message|původní zpráva|pôvodná správa|oryginalna wiadomość|izvorna poruka|ursprüngliche nachricht)\s*-{2,}$/i.test(trimmed)) return true;
  if (line === '-- ' || trimmed === '--') return true;
  // Outlook's header block: "From: …" followed by "Sent:"/"Date:" (or their translations).
  if (/^(from|od|von|od:|šalje):/i.test(trimmed) && next !== undefined && /^(sent|date|odesláno|datum|gesendet|wysłano|poslano|odoslané):/i.test(next.trim())) return true;
  if (isIntro(trimmed)) return true;
  // An introduction wrapped over two lines: "On Mon, 3 Nov 2026 at 10:00, Jana Nováková" / "<jana@…> wrote:".
  if (/^(on|dne|dňa|am|w dniu|dana)\b/i.test(trimmed) && next !== undefined && isIntro(next.trim())) return true;
  return false;
}
