import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/index.ts';
import { useUi } from './ui-context.ts';

/**
 * The console's language, in the header (and on the sign-in screen). Its label is in both languages on purpose
 * ("Language / Jazyk") and each language is named in itself, so someone who cannot read the current language still
 * finds it. Choosing another one remembers it and reloads the console (see console/choose-language.ts).
 */
export function LanguageSelect({ id = 'console-language' }: { id?: string }) {
  const { language, chooseLanguage } = useUi();
  return (
    <span class="language-select">
      <label for={id} class="visually-hidden">
        Language / Jazyk
      </label>
      <select
        id={id}
        class="language-select__control"
        title="Language / Jazyk"
        value={language}
        style={{ font: 'inherit' }}
        onChange={(event) => chooseLanguage(event.currentTarget.value as Language)}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {LANGUAGE_NAMES[lang]}
          </option>
        ))}
      </select>
    </span>
  );
}
