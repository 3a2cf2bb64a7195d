import { describe, expect, it } from 'vitest';
import { formatRatio, isHexColour, MIN_TEXT_CONTRAST, whiteTextContrast } from './settings-contrast.ts';

describe('contrast of white text on the accent colour', () => {
  it('follows WCAG: black is 21:1, white 1:1, and the default accent passes', () => {
    expect(whiteTextContrast('#000000')).toBeCloseTo(21, 5);
    expect(whiteTextContrast('#FFFFFF')).toBeCloseTo(1, 5);
    expect(whiteTextContrast('#9a3412')!).toBeGreaterThan(MIN_TEXT_CONTRAST);
    // #767676 is the well-known lightest grey that passes on white (4.54:1); #777777 fails (4.48:1).
    expect(whiteTextContrast('#767676')!).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(whiteTextContrast('#777777')!).toBeLessThan(MIN_TEXT_CONTRAST);
    expect(whiteTextContrast('#ffff00')!).toBeLessThan(1.1);
  });

  it('has nothing to say about a half-typed colour', () => {
    expect(whiteTextContrast('#9a34')).toBeNull();
    expect(whiteTextContrast('orange')).toBeNull();
    expect(isHexColour(' #9A3412 ')).toBe(true);
    expect(isHexColour('9a3412')).toBe(false);
  });

  it('rounds down, so a ratio just under the minimum never reads as passing', () => {
    expect(formatRatio(4.49)).toBe('4.4');
    expect(formatRatio(21)).toBe('21.0');
    expect(formatRatio(7.36, 'cs')).toBe('7,3');
  });
});
