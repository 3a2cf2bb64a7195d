/** The languages the widget speaks (each has a dictionary file here); the same list as the server's. */
export const LANGUAGES = ['en', 'cs', 'sk', 'pl', 'hr', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
