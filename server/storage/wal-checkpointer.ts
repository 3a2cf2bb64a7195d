import { Worker } from 'node:worker_threads';

export interface WalCheckpointResult {
  mode: 'PASSIVE' | 'TRUNCATE';
  /** 1 when the checkpoint could not finish because of a reader or writer. */
  busy: number;
  /** Frames in the WAL. */
  log: number;
  /** Frames copied back into the database file. */
  checkpointed: number;
}

export interface WalCheckpointerOptions {
  /** Time between PASSIVE checkpoints; 1000 ms by default. */
  intervalMs?: number;
  /** WAL size, in frames (pages), from which a completed checkpoint is followed by a TRUNCATE; 4096 by default. */
  truncateAboveFrames?: number;
  onCheckpoint?: (result: WalCheckpointResult) => void;
  /** Where failures are reported; stderr by default. They never stop the process. */
  onError?: (message: string) => void;
}

export interface WalCheckpointer {
  /** False once the worker thread has exited. */
  readonly isRunning: boolean;
  /** Stops the periodic checkpoints, truncates the WAL once, and resolves when the thread has exited. */
  stop(): Promise<void>;
}

/** How long stop() waits for the final TRUNCATE before terminating the thread. */
const STOP_TIMEOUT_MS = 5000;

/**
 * Checkpoints a SQLite WAL from a worker thread with its own connection. A checkpoint copies the WAL back into
 * the database file; run by SQLite's auto-checkpoint it happens inside a commit on the main thread and pushed
 * the chat relay's p99 from ~3 ms to ~9 ms. The main connection must set `wal_autocheckpoint=0`.
 * The thread is unref'd: it never keeps the process alive.
 */
export function startWalCheckpointer(file: string, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const onError = options.onError ?? ((message: string) => process.stderr.write(`${message}\n`));
  const worker = new Worker(new URL('./wal-checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, intervalMs: options.intervalMs ?? 1000, truncateAboveFrames: options.truncateAboveFrames ?? 4096 },
  });
  worker.unref();

  let isRunning = true;
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      isRunning = false;
      resolve();
    });
  });
  worker.on('message', (event: { type: 'checkpoint' } & WalCheckpointResult | { type: 'error'; message: string }) => {
    if (event.type === 'error') onError(event.message);
    else options.onCheckpoint?.({ mode: event.mode, busy: event.busy, log: event.log, checkpointed: event.checkpointed });
  });
  // An uncaught exception in the worker arrives here; without a listener it would crash the process.
  worker.on('error', (error) => onError(`porchlight: WAL checkpoint worker crashed: ${error.message}`));

  let stopping: Promise<void> | undefined;
  return {
    get isRunning() {
      return isRunning;
    },
    stop() {
      stopping ??= (async () => {
        if (!isRunning) return;
        // Keep the process alive until the final checkpoint is done, e.g. when close() is the last thing main does.
        worker.ref();
        worker.postMessage({ type: 'stop' });
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
        });
        const didTimeOut = await Promise.race([exited.then(() => false), timedOut]);
        clearTimeout(timer);
        if (didTimeOut) {
          onError('porchlight: WAL checkpoint worker did not stop in time; terminating it.');
          await worker.terminate();
          await exited;
        }
      })();
      return stopping;
    },
  };
}
