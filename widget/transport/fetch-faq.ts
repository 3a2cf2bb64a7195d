import type { Faq } from '../state/index.ts';

/**
 * The owner's frequent questions for the visitor's language (`GET /api/v1/sites/:siteKey/faq`, cached 5 min).
 * Never rejects: self-help is a bonus, so a failure or an unexpected body is simply no questions.
 */
export async function fetchFaq(baseUrl: string, siteKey: string, lang: string): Promise<Faq[]> {
  try {
    const { entries } = await (await fetch(`${baseUrl}/api/v1/sites/${encodeURIComponent(siteKey)}/faq?lang=${lang}`)).json();
    return entries.filter((e: Faq) => typeof e.question == 'string' && typeof e.answer == 'string');
  } catch {
    return [];
  }
}
