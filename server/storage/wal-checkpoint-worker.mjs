// Runs SQLite WAL checkpoints off the main thread (see wal-checkpointer.ts for why).
// Plain JavaScript on purpose: a worker is a fresh module graph that neither tsx nor vitest is guaranteed to
// transform, so a .ts worker might not load in one of them.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ file: string; intervalMs: number; truncateAboveFrames: number }} */
const { file, intervalMs, truncateAboveFrames } = workerData;
const port = parentPort;
if (port === null) throw new Error('wal-checkpoint-worker.mjs must run as a worker thread.');

let lastError = '';
/** Logs a failure once per distinct message, so a persistent problem does not flood stderr every second. */
function report(what, error) {
  const message = `porchlight: WAL ${what} failed: ${error instanceof Error ? error.message : String(error)}`;
  if (message === lastError) return;
  lastError = message;
  port.postMessage({ type: 'error', message });
}

let db;
try {
  db = new Database(file, { fileMustExist: true });
  // PASSIVE never waits; a TRUNCATE gives up quickly (and is retried on the next tick) rather than hold off
  // the main thread's writers, which wait for it synchronously.
  db.pragma('busy_timeout = 20');
} catch (error) {
  report('checkpoint worker start', error);
  port.close();
}

function checkpoint(mode) {
  const [result] = db.pragma(`wal_checkpoint(${mode})`);
  port.postMessage({ type: 'checkpoint', mode, ...result });
  return result;
}

const timer =
  db === undefined
    ? undefined
    : setInterval(() => {
        try {
          const { busy, log, checkpointed } = checkpoint('PASSIVE');
          // A PASSIVE checkpoint never resets the WAL; the next writer does, but only when it starts right after
          // a complete checkpoint and while no checkpoint is running, which under steady writes can be rare.
          // Once everything is copied, a TRUNCATE has almost nothing left to do and caps the file.
          if (busy === 0 && log >= truncateAboveFrames && checkpointed === log) checkpoint('TRUNCATE');
          lastError = '';
        } catch (error) {
          report('checkpoint', error);
        }
      }, intervalMs);

port.on('message', (command) => {
  if (command?.type !== 'stop') return;
  clearInterval(timer);
  if (db !== undefined) {
    try {
      db.pragma('busy_timeout = 2000');
      checkpoint('TRUNCATE');
    } catch (error) {
      report('final checkpoint', error);
    }
    try {
      db.close();
    } catch (error) {
      report('checkpoint connection close', error);
    }
  }
  port.close();
});
