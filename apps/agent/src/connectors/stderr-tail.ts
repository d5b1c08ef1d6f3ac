import { redactSecrets } from './redact.js';

const MAX_LINE = 2000;

/**
 * Keeps the last lines a child printed on stderr, bounded in count and length, so a tool
 * that prints gigabytes of warnings cannot grow the agent's memory.
 */
export class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(
    private readonly maxLines: number,
    private readonly secrets: readonly string[],
  ) {}

  push(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = (parts.pop() ?? '').slice(-MAX_LINE);
    for (const line of parts) this.add(line);
  }

  /** The kept lines, the unfinished last one included, each stripped of every secret. */
  snapshot(): string[] {
    const all = (this.partial === '' ? this.lines : [...this.lines, this.partial]).slice(
      -this.maxLines,
    );
    return all.map((line) => redactSecrets(line, this.secrets).slice(0, MAX_LINE));
  }

  private add(line: string): void {
    if (line.trim() === '') return;
    this.lines.push(line.slice(0, MAX_LINE));
    if (this.lines.length > this.maxLines) this.lines.shift();
  }
}
