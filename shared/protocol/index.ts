export * from './errors.ts';
export * from './events.ts';
export * from './limits.ts';
export * from './rest.ts';
export * from './result.ts';
export * from './schemas.ts';
export * from './version.ts';
