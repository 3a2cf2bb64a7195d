/**
 * Plural forms of one word in one language, chosen by Intl.PluralRules: English has "one" and "other";
 * Czech has "one" (1), "few" (2–4) and "other" (0, 5 and more, including 21, 22, 25), plus "many" for
 * fractions (never used here: every count is a whole number; it falls back to "other").
 */
export interface PluralForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

/**
 * @example
 * const plural = pluralFor('cs');
 * plural(5, { one: '1 konverzace', few: '{n} konverzace', other: '{n} konverzací' }); // "5 konverzací"
 */
export function pluralFor(locale: string): (count: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(locale);
  return (count, forms) => {
    const category = rules.select(count) as keyof PluralForms;
    const form = forms[category] ?? forms.other;
    return form.replace(/\{n\}/g, String(count));
  };
}
