/**
 * How many requests the local API works on at once. On AWS, API Gateway and Lambda's concurrency shed load that
 * is too much (429, 503); one local process has no such limit, so under overload every request slows down until
 * the SDK's sockets time out inside the handlers and come back as 500s. The gate bounds the work instead: at
 * most `maxInFlight` requests run, at most `maxQueued` wait for a slot, and any other is refused at once; a
 * refused request is answered 503 with Retry-After (server.ts).
 */
export interface AdmissionLimits {
  /** Requests handled at once. */
  maxInFlight: number;
  /** Requests waiting for a slot; one more is refused. */
  maxQueued: number;
}

export interface Admission {
  /**
   * A slot (call `release` once the request's work is over, answered or not), or `full` when the queue is
   * full, or `expired` when `signal` aborts (the request's deadline) before a slot is free.
   */
  enter(signal: AbortSignal): Promise<{ release: () => void } | 'full' | 'expired'>;
  readonly inFlight: number;
  readonly queued: number;
}

export function createAdmission(limits: AdmissionLimits): Admission {
  let inFlight = 0;
  const waiting: (() => void)[] = [];

  const slot = () => {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = waiting.shift();
        // The slot passes to the oldest waiting request (FIFO); otherwise it is free again.
        if (next) next();
        else inFlight--;
      },
    };
  };

  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiting.length;
    },
    enter(signal) {
      if (signal.aborted) return Promise.resolve('expired');
      if (inFlight < limits.maxInFlight) {
        inFlight++;
        return Promise.resolve(slot());
      }
      if (waiting.length >= limits.maxQueued) return Promise.resolve('full');
      return new Promise((resolve) => {
        const admit = () => {
          signal.removeEventListener('abort', expire);
          resolve(slot());
        };
        const expire = () => {
          const index = waiting.indexOf(admit);
          if (index >= 0) waiting.splice(index, 1);
          resolve('expired');
        };
        waiting.push(admit);
        signal.addEventListener('abort', expire, { once: true });
      });
    },
  };
}
