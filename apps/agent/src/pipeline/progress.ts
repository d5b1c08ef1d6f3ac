import type { TaskPhase, TaskProgress } from '@rahatback/protocol';

/** Well under the 2 s the protocol promises, so a slow event loop still keeps it. */
export const PROGRESS_INTERVAL_MS = 1000;

export interface ProgressSource {
  taskId: string;
  startedAt: number;
  phase: () => TaskPhase;
  bytesRead: () => number;
  bytesWritten: () => number;
}

export function snapshotProgress(source: ProgressSource): TaskProgress {
  const elapsedMs = Math.max(0, Date.now() - source.startedAt);
  const bytesRead = source.bytesRead();
  return {
    taskId: source.taskId,
    phase: source.phase(),
    bytesRead,
    bytesWritten: source.bytesWritten(),
    bytesPerSecond: elapsedMs > 0 ? Math.round((bytesRead * 1000) / elapsedMs) : 0,
    elapsedMs,
  };
}

/** Emits progress every interval until the returned stop function is called. */
export function startProgress(
  source: ProgressSource,
  onProgress: ((progress: TaskProgress) => void) | undefined,
): () => void {
  if (onProgress === undefined) return () => undefined;
  const emit = () => {
    try {
      onProgress(snapshotProgress(source));
    } catch {
      // A listener's failure must never break the backup it watches.
    }
  };
  emit();
  const timer = setInterval(emit, PROGRESS_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    emit();
  };
}
