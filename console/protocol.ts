/**
 * The parts of the shared protocol the console uses at run time, imported from their zod-free files.
 * Importing values through `shared/index.ts` pulls every zod schema into the bundle (about 25 KB gzip,
 * nearly doubling the console): the bundler cannot drop `export *` modules whose top level builds schemas.
 * Types still come from the index; they cost nothing at run time.
 */
import type { NAMESPACES } from '../shared/index.ts';

export { ERROR_CODES } from '../shared/protocol/errors.ts';
export { LIMITS } from '../shared/protocol/limits.ts';
export { PROTOCOL_VERSION } from '../shared/protocol/version.ts';

/** Typed against the shared table, so renaming the namespace there fails the type check here. */
export const OPERATOR_NAMESPACE: (typeof NAMESPACES)['operator'] = '/operator';
