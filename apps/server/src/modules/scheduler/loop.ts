import type { Logger } from 'pino';

/** A task repeated every `intervalMs`, never overlapping itself, stoppable after its current pass. */
export interface Loop {
  start(): void;
  /** Stops scheduling passes and waits for one in flight to finish. */
  stop(): Promise<void>;
}

export function createLoop(
  name: string,
  intervalMs: number,
  pass: () => Promise<unknown>,
  logger: Logger,
): Loop {
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let isStopped = false;

  const run = () => {
    inFlight = pass()
      .then(() => undefined)
      .catch((err: unknown) => logger.error({ err, loop: name }, 'loop pass failed'))
      .finally(() => {
        inFlight = undefined;
        if (!isStopped) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(run, intervalMs);
    timer.unref();
  };

  return {
    start() {
      isStopped = false;
      run();
    },
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
