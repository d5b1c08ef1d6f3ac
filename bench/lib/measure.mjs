// Runs a process and measures what the benchmark reports: wall time, peak RSS (VmHWM read
// from /proc while it runs) and the largest size its temporary folder reached.
import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

async function vmHwmKiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) : 0;
}

async function folderBytes(folder) {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const e of entries) {
    if (e.isFile())
      total += (await stat(join(e.parentPath, e.name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/**
 * Runs `command args` (or `bash -c script` when `shell` is set); returns wall seconds,
 * peak RSS in MB of the watched process, the most bytes seen in `tempDir`, and its output.
 */
export async function measure(command, args, { env = {}, tempDir, stdin } = {}) {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, {
    env: { ...process.env, ...env, ...(tempDir ? { TMPDIR: tempDir } : {}) },
    stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let peakKiB = 0;
  let tempPeak = 0;
  let isDone = false;
  const sampler = (async () => {
    while (!isDone) {
      peakKiB = Math.max(peakKiB, await vmHwmKiB(child.pid));
      if (tempDir) tempPeak = Math.max(tempPeak, await folderBytes(tempDir));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  isDone = true;
  await sampler;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`);
  return { seconds, peakRssMb: peakKiB / 1024, tempBytes: tempPeak, stdout, stderr };
}

export const shell = (script, options) =>
  measure('bash', ['-o', 'pipefail', '-c', script], options);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `once` `times` times and keeps the run with the median wall time. */
export async function medianOf(times, once) {
  const runs = [];
  for (let i = 0; i < times; i++) runs.push(await once(i));
  const mid = median(runs.map((r) => r.seconds));
  return {
    ...runs.find((r) => r.seconds === mid),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}
