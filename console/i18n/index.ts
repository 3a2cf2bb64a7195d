import { en } from './en.ts';

export type { Strings } from './en.ts';
export { createTimeFormatter, type TimeFormatter } from './format-time.ts';

/** The strings in use. Only English exists yet; a language switch will choose among sibling files here. */
export const t = en;
