/**
 * Optimistic concurrency: items carry a `version`; a write succeeds only if the version is the one read.
 * A lost race re-reads and decides again, so two concurrent commands are serialised, never merged blindly.
 */
import { Conflict } from './errors.js';

/** Raised by a repository when the conditional write found another version. */
export class ConcurrentChange extends Error {}

/** Runs read-decide-write until it wins, at most `attempts` times, then reports a 409. */
export async function withOptimisticRetry<T>(attempt: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentChange)) throw error;
      if (i >= attempts) throw new Conflict('concurrent-change', 'The record changed while this request was applied; retry.');
    }
  }
}
