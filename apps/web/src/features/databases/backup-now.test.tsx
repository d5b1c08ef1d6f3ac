// @vitest-environment happy-dom
import type { BackupJob, Database } from '@rahatback/protocol';
import { act } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { type Rendered, render } from '../../test/render.js';
import { BackupNowButton } from './backup-now.js';

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  await changeLanguage('en');
});

const database = { id: 'db-1', name: 'shop' } as Database;
const job = (id: string, name: string) => ({ id, name, databaseId: 'db-1' }) as BackupJob;

async function show(jobs: BackupJob[]): Promise<{ runs: string[]; r: Rendered }> {
  const runs: string[] = [];
  const r = await render(
    <MemoryRouter>
      <BackupNowButton
        database={database}
        jobs={jobs}
        onRun={(picked) => runs.push(picked.id)}
        isRunning={false}
      />
    </MemoryRouter>,
  );
  rendered = r;
  return { runs, r };
}

const button = (name: string) => {
  const found = [...document.querySelectorAll<HTMLElement>('button, a, [role="menuitem"]')].find(
    (element) => element.textContent?.trim() === name,
  );
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};

async function click(element: HTMLElement) {
  await act(async () => {
    element.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
}

describe('Back up now on a database', () => {
  it('runs the one job of the database', async () => {
    const { runs } = await show([job('j1', 'nightly')]);
    await click(button('Back up now'));
    expect(runs).toEqual(['j1']);
  });

  it('lets the user pick among several jobs, and runs only the one picked', async () => {
    const { runs } = await show([job('j1', 'nightly'), job('j2', 'hourly')]);
    await click(button('Back up now'));
    expect(runs).toEqual([]);
    expect(document.body.textContent).toContain('Run which job?');
    await click(button('hourly'));
    expect(runs).toEqual(['j2']);
  });

  it('with no job, says a backup needs one and leads to the job form with this database', async () => {
    await changeLanguage('tr');
    const { runs } = await show([]);
    await click(button('Şimdi yedekle'));
    expect(runs).toEqual([]);
    expect(document.body.textContent).toContain('Yedek almak için önce bir görev gerekir');
    expect(button('“shop” için görev oluştur').getAttribute('href')).toBe(
      '/jobs/new?databaseId=db-1',
    );
  });
});
