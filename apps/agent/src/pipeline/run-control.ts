import { isSymptom, PipelineError } from './pipeline-error.js';

const SYMPTOM_GRACE_MS = 1000;

/**
 * One AbortController for a whole run, linked to the caller's signal. The first real failure
 * of any part is kept as the cause and aborts every other part (the connector kills its
 * child, the drivers drop their partial objects). Errors that are only symptoms (the echo of
 * the abort, a stream closed under another) give way to the first real cause that follows.
 */
export class RunControl {
  private readonly controller = new AbortController();
  private firstCause: unknown;
  private hasCause = false;
  private wasCancelled = false;

  constructor(parent: AbortSignal | undefined) {
    if (parent === undefined) return;
    const cancel = () => {
      this.wasCancelled = true;
      this.controller.abort(
        new PipelineError(
          'CANCELLED',
          'The run was cancelled before it finished; nothing was kept.',
        ),
      );
    };
    if (parent.aborted) cancel();
    else parent.addEventListener('abort', cancel, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isCancelled(): boolean {
    return this.wasCancelled;
  }

  get cause(): unknown {
    return this.firstCause;
  }

  get hasFailed(): boolean {
    return this.hasCause || this.controller.signal.aborted;
  }

  fail(error: unknown): void {
    const replaces = !this.hasCause || (isSymptom(this.firstCause) && !isSymptom(error));
    if (replaces && !this.wasCancelled) {
      this.hasCause = true;
      this.firstCause = error;
    }
    if (this.controller.signal.aborted) return;
    if (!isSymptom(error)) {
      this.controller.abort(error);
      return;
    }
    // A symptom (a reader that went away) usually comes a moment before the failure that
    // caused it; aborting at once would make that failure look like a cancellation.
    setTimeout(() => {
      if (!this.controller.signal.aborted) this.controller.abort(this.firstCause);
    }, SYMPTOM_GRACE_MS).unref();
  }

  /** Lets `promise` fail the run, and returns it so its own result stays visible. */
  watch<T>(promise: Promise<T>): Promise<T> {
    return promise.catch((error: unknown) => {
      this.fail(error);
      throw error;
    });
  }
}
