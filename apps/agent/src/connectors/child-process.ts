import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough, Transform, type Readable, type Writable } from 'node:stream';
import type { ErrorCode } from '@rahatback/protocol';
import { EngineError } from './engine-error.js';
import { StderrTail } from './stderr-tail.js';

/** How long a child gets to exit after SIGTERM before it is killed outright. */
const KILL_GRACE_MS = 5000;
const TAIL_LINES = 20;
/** Large buffers on our side of the pipe let the tool run ahead of short stalls downstream. */
const STREAM_BUFFER = 1024 * 1024;

/**
 * What client tools get from the agent's own environment, decided once by config.ts: the
 * folders searched for them, and the few variables they start with.
 */
export interface ToolEnvironment {
  /** The folders searched for client tools, `:`-separated like PATH. */
  searchPath: string;
  /** PATH, locale, time zone, temp folder; never a PG*, MYSQL_* or MARIADB_* variable. */
  baseEnv: Record<string, string>;
}

export interface ChildSpec {
  /** The tool's path; its argv never holds a secret. */
  command: string;
  args: string[];
  /** What the tool starts with (ToolEnvironment.baseEnv). */
  baseEnv: Record<string, string>;
  /** Added to `baseEnv`; secrets travel here (PGPASSWORD, MYSQL_PWD). */
  env: Record<string, string>;
  /** Strings removed from anything the tool prints before it is shown. */
  secrets: string[];
  /** The code a non-zero exit fails with. */
  failureCode: Extract<ErrorCode, 'DUMP_FAILED' | 'RESTORE_FAILED'>;
  signal: AbortSignal;
}

export interface RunningChild<S extends Readable | Writable> {
  stream: S;
  /** Resolves when the tool exited 0; rejects with an EngineError otherwise. */
  done: Promise<void>;
  pid: number | undefined;
}

/** Environment variables of the agent that would silently redirect a client tool. */
const INHERITED_CLIENT_VARS = /^(PG|MYSQL_|MARIADB_)/;

/** Filtered again here, so that a base built elsewhere cannot redirect a tool either. */
function childEnv(spec: ChildSpec): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(spec.baseEnv))
    if (!INHERITED_CLIENT_VARS.test(key)) env[key] = value;
  return { ...env, ...spec.env };
}

function toolName(command: string): string {
  return command.split('/').pop() ?? command;
}

function exitError(spec: ChildSpec, code: number | null, signal: string | null, tail: string[]) {
  const name = toolName(spec.command);
  const how = code === null ? `was stopped by ${signal ?? 'a signal'}` : `exited with code ${code}`;
  const said = tail.length === 0 ? 'it printed nothing on stderr' : tail.slice(-5).join(' | ');
  return new EngineError(spec.failureCode, `${name} ${how}: ${said}`, { logTail: tail });
}

function killGently(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  child.once('exit', () => clearTimeout(timer));
}

/** Watches the child until it exits and turns its ending into a settled promise. */
function watch(child: ChildProcess, spec: ChildSpec, tail: StderrTail): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT' || error.code === 'EACCES';
      reject(
        new EngineError(
          missing ? 'CLIENT_TOOL_MISSING' : spec.failureCode,
          missing
            ? `${spec.command} cannot be run on the agent's host: install the database client tools`
            : `${toolName(spec.command)} could not be started: ${error.message}`,
          { cause: error },
        ),
      );
    });
    child.once('close', (code, signal) => {
      if (spec.signal.aborted)
        reject(
          new EngineError(
            'CANCELLED',
            `${toolName(spec.command)} was stopped: the task was cancelled`,
          ),
        );
      else if (code === 0) resolve();
      else reject(exitError(spec, code, signal, tail.snapshot()));
    });
  });
}

/** Holds the end of the tool's output back until its exit status is known. */
function gatedOutput(done: Promise<void>): Transform {
  return new Transform({
    readableHighWaterMark: STREAM_BUFFER,
    writableHighWaterMark: STREAM_BUFFER,
    transform: (chunk: Buffer, _encoding, callback) => callback(null, chunk),
    flush: (callback) => void done.then(() => callback(), callback),
  });
}

interface Started {
  child: ChildProcess;
  done: Promise<void>;
}

/**
 * Starts a database client tool with an argv array (no shell) and secrets in its
 * environment, keeps the last lines of its stderr, checks its exit code, and kills it
 * (SIGTERM, then SIGKILL) when `signal` aborts.
 */
function start(spec: ChildSpec, stdio: ['pipe' | 'ignore', 'pipe' | 'ignore', 'pipe']): Started {
  const tail = new StderrTail(TAIL_LINES, spec.secrets);
  const child = spawn(spec.command, spec.args, { env: childEnv(spec), stdio, shell: false });
  child.stderr?.on('data', (chunk: Buffer) => tail.push(chunk));
  const done = watch(child, spec, tail);
  // The caller may attach its handler later; the failure also reaches it through the stream.
  done.catch(() => undefined);
  const onAbort = () => killGently(child);
  if (spec.signal.aborted) onAbort();
  else spec.signal.addEventListener('abort', onAbort, { once: true });
  done.then(
    () => spec.signal.removeEventListener('abort', onAbort),
    () => spec.signal.removeEventListener('abort', onAbort),
  );
  return { child, done };
}

/** Fails `stream` with the tool's error; the no-op listener keeps an unread stream from crashing the agent. */
function failWithChild(stream: Readable | Writable, done: Promise<void>): void {
  stream.on('error', () => undefined);
  done.catch((error: unknown) => stream.destroy(error as Error));
}

/** A dump tool: read its stdout, which ends only after the tool exited 0 and errors otherwise. */
export function startDumpChild(spec: ChildSpec): RunningChild<Readable> {
  const { child, done } = start(spec, ['ignore', 'pipe', 'pipe']);
  const output = gatedOutput(done);
  child.stdout?.pipe(output);
  // A consumer that gives up on the stream (a failure elsewhere) must not leave the tool running.
  output.on('close', () => {
    if (!output.readableEnded) killGently(child);
  });
  failWithChild(output, done);
  return { stream: output, done, pid: child.pid };
}

/** A restore tool: write into its stdin; the stream errors with the tool's failure if it dies. */
export function startRestoreChild(spec: ChildSpec): RunningChild<Writable> {
  const { child, done } = start(spec, ['pipe', 'ignore', 'pipe']);
  const input = new PassThrough({ highWaterMark: STREAM_BUFFER });
  if (child.stdin) {
    // EPIPE when the tool dies early: its exit status says why, and fails `input` below.
    child.stdin.on('error', () => undefined);
    input.pipe(child.stdin);
  }
  input.on('close', () => {
    if (!input.writableFinished) killGently(child);
  });
  failWithChild(input, done);
  // A tool that exits 0 before the writer finished would leave the writer blocked forever.
  void done.then(
    () => {
      if (!input.writableFinished)
        input.destroy(
          new EngineError(
            spec.failureCode,
            `${toolName(spec.command)} finished before the whole backup was fed to it: the backup may be damaged or hold trailing data`,
          ),
        );
    },
    () => undefined,
  );
  return { stream: input, done, pid: child.pid };
}
