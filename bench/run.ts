/**
 * `npm run bench`: every benchmark, each printing its figures and the ratio against a baseline measured in
 * the same process. Benchmarks print; they never pass or fail on a timing.
 */
import { benchInbox } from './inbox.ts';
import { benchRelay } from './relay.ts';
import { benchStorageAppend } from './storage-append.ts';

await benchStorageAppend();
console.log();
await benchRelay();
console.log();
await benchInbox();
