export * from './protocol/index.ts';
export * from './text/search-text.ts';
