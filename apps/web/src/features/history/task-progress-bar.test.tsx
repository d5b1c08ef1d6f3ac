// @vitest-environment happy-dom
import type { TaskProgress } from '@rahatback/protocol';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { runProgressKey } from '../../live/run-progress.js';
import { type Rendered, render } from '../../test/render.js';
import { TaskProgressBar } from './task-progress-bar.js';

const progressOf = (bytesRead: number): TaskProgress => ({
  taskId: 'run-1',
  phase: 'dumping',
  bytesRead,
  bytesWritten: Math.round(bytesRead / 3),
  bytesPerSecond: 1_000_000,
  elapsedMs: 4_000,
});

let rendered: Rendered | undefined;
let client: QueryClient;

async function showBar(props: Partial<Parameters<typeof TaskProgressBar>[0]>) {
  client = new QueryClient();
  rendered = await render(
    <QueryClientProvider client={client}>
      <TaskProgressBar taskId="run-1" initial={progressOf(250_000)} {...props} />
    </QueryClientProvider>,
  );
  return rendered.container;
}

const bar = (container: HTMLElement) => container.querySelector('[role="progressbar"]');
const text = (container: HTMLElement, testId: string) =>
  container.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;

beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  rendered = undefined;
  await changeLanguage('en');
});

describe('a running task’s progress bar', () => {
  it('fills to about the share of the last backup’s size read so far', async () => {
    const container = await showBar({ expectedBytes: 1_000_000 });
    expect(bar(container)?.getAttribute('aria-valuenow')).toBe('25');
    expect(text(container, 'run-percent')).toBe('about 25%');
    expect(text(container, 'run-estimate-basis')).toBe('estimate, based on the last backup');
    expect(
      container.querySelector('[data-testid="run-progress"]')?.getAttribute('data-bytes-read'),
    ).toBe('250000');

    // The live channel moves it on.
    await act(async () => {
      client.setQueryData(runProgressKey('run-1'), progressOf(640_000));
      // react-query tells its observers on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(bar(container)?.getAttribute('aria-valuenow')).toBe('64');
    expect(text(container, 'run-percent')).toBe('about 64%');
  });

  it('stops at 99% when the database has grown past the last backup', async () => {
    const container = await showBar({ expectedBytes: 100_000 });
    expect(bar(container)?.getAttribute('aria-valuenow')).toBe('99');
    expect(text(container, 'run-percent')).toBe('about 99%');
  });

  it('stays animated with no percentage when the size is unknown', async () => {
    for (const expectedBytes of [null, undefined, 0]) {
      const container = await showBar({ expectedBytes });
      expect(bar(container)).not.toBeNull();
      expect(bar(container)?.hasAttribute('aria-valuenow')).toBe(false);
      expect(text(container, 'run-percent')).toBeNull();
      expect(text(container, 'run-progress-bytes')).not.toBeNull();
      rendered?.unmount();
      rendered = undefined;
    }
  });

  it('names a restore’s estimate after the backup’s size, in Turkish too', async () => {
    await changeLanguage('tr');
    const container = await showBar({ expectedBytes: 500_000, basis: 'backupSize' });
    expect(text(container, 'run-percent')).toBe('yaklaşık %50');
    expect(text(container, 'run-estimate-basis')).toBe('tahmini, yedeğin depolanan boyutuna göre');
  });

  it('shows 0% before the first progress report arrives', async () => {
    const container = await showBar({ expectedBytes: 1_000_000, initial: null });
    expect(bar(container)?.getAttribute('aria-valuenow')).toBe('0');
    expect(text(container, 'run-progress-bytes')).toBe('Starting…');
  });
});
