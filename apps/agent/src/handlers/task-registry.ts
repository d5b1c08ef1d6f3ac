export type TaskKind = 'backup' | 'restore';

export interface TaskRegistry {
  /**
   * Runs `work` in the background under its own AbortController. Returns false, and runs
   * nothing, when a task with this id is already running (the server sent the command twice)
   * or the registry was closed.
   */
  start(taskId: string, kind: TaskKind, work: (signal: AbortSignal) => Promise<void>): boolean;
  /** Aborts one task; false when no such task runs. */
  cancel(taskId: string): boolean;
  /** Refuses new tasks from now on and aborts the running ones (the agent is stopping). */
  close(): void;
  runningIds(): string[];
  /** Resolves true once no task runs, false if `timeoutMs` passed first. */
  idle(timeoutMs: number): Promise<boolean>;
}

interface RunningTask {
  kind: TaskKind;
  controller: AbortController;
  finished: Promise<void>;
}

/** The agent's running backups and restores, so they can be listed, cancelled and awaited. */
export function createTaskRegistry(
  onError: (taskId: string, error: unknown) => void,
): TaskRegistry {
  const tasks = new Map<string, RunningTask>();
  let isClosed = false;
  return {
    start(taskId, kind, work) {
      if (isClosed || tasks.has(taskId)) return false;
      const controller = new AbortController();
      const finished = work(controller.signal)
        .catch((error: unknown) => onError(taskId, error))
        .finally(() => tasks.delete(taskId));
      tasks.set(taskId, { kind, controller, finished });
      return true;
    },
    cancel(taskId) {
      const task = tasks.get(taskId);
      task?.controller.abort(new Error('cancelled'));
      return task !== undefined;
    },
    close() {
      isClosed = true;
      for (const task of tasks.values()) task.controller.abort(new Error('agent shutting down'));
    },
    runningIds: () => [...tasks.keys()],
    async idle(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const all = Promise.all([...tasks.values()].map((t) => t.finished)).then(() => true as const);
      const result = await Promise.race([all, timeout]);
      clearTimeout(timer);
      return result;
    },
  };
}
