/**
 * WCAG 2.x contrast of the widget's white text on the owner's accent colour. The widget uses the colour as
 * chosen (it is the owner's brand); the Settings screen only warns.
 */

/** WCAG's minimum for normal text (success criterion 1.4.3, level AA). */
export const MIN_TEXT_CONTRAST = 4.5;

/** Whether `text` is a colour the settings take: `#` and six hexadecimal digits. */
export function isHexColour(text: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(text.trim());
}

/** The relative luminance of an sRGB channel value 0–255 (WCAG 2.x formula). */
function channelLuminance(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const digits = hex.trim().slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => channelLuminance(Number.parseInt(digits.slice(i, i + 2), 16)));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * The contrast ratio of white text on `hex` (1 to 21), or null when `hex` is not a colour yet (half typed).
 *
 * @example
 * whiteTextContrast('#9a3412') // → about 7.3
 * whiteTextContrast('#ffff00') // → about 1.07
 */
export function whiteTextContrast(hex: string): number | null {
  if (!isHexColour(hex)) return null;
  return 1.05 / (relativeLuminance(hex) + 0.05);
}

/** Rounded down to one decimal, so 4.49 never reads as "4.5:1 — good"; in the console's language ("7,3" in Czech). */
export function formatRatio(ratio: number, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.floor(ratio * 10) / 10);
}
