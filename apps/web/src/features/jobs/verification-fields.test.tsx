// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { byLabel, choose, click, labels, type Rendered, render } from '../../test/render.js';
import { emptyJobValues, type JobFormValues, toJobBody } from './job-form-values.js';
import { VerificationFields } from './verification-fields.js';

let latest: JobFormValues | undefined;

function Form({ initial }: { initial?: Partial<JobFormValues> }) {
  const [values, setValues] = useState({
    ...emptyJobValues(),
    timezone: 'Europe/Istanbul',
    ...initial,
  });
  latest = values;
  return <VerificationFields values={values} onChange={setValues} errors={{}} />;
}

const options = (select: HTMLInputElement | HTMLSelectElement) =>
  [...select.querySelectorAll('option')].map((option) => option.value);

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  latest = undefined;
  await changeLanguage('en');
});

describe('the test restore fields', () => {
  it('say what a test restore does, and are off until switched on', async () => {
    rendered = await render(<Form />);
    expect(rendered.container.textContent).toContain(
      'restores the latest backup into a temporary database',
    );
    expect(rendered.container.textContent).toContain('CREATE DATABASE');
    expect(labels(rendered.container)).not.toContain('When');
    await click(byLabel(rendered.container, 'Test-restore the backups'));
    expect(byLabel(rendered.container, 'When').value).toBe('afterBackup');
    expect(latest && toJobBody(latest).verification).toEqual({ enabled: true });
  });

  it('offer a schedule of their own with its preview, never a manual one', async () => {
    rendered = await render(<Form initial={{ isVerifying: true }} />);
    expect(rendered.container.querySelector('[data-testid="schedule-preview"]')).toBeNull();
    await choose(byLabel(rendered.container, 'When'), 'schedule');
    const kind = byLabel(rendered.container, 'Runs');
    expect(options(kind)).not.toContain('manual');
    await choose(kind, 'daily');
    const preview = rendered.container.querySelector('[data-testid="schedule-preview"]');
    expect(preview?.textContent).toContain('every day at 04:00');
    expect(preview?.querySelectorAll('li')).toHaveLength(5);
    expect(latest && toJobBody(latest).verification).toMatchObject({
      enabled: true,
      schedule: { kind: 'daily', time: '04:00' },
    });
    // The job's own schedule is not touched.
    expect(latest?.scheduleKind).toBe('daily');
    expect(latest?.time).toBe('02:00');
  });

  it('speak Turkish when Turkish is chosen', async () => {
    await changeLanguage('tr');
    rendered = await render(<Form initial={{ isVerifying: true }} />);
    expect(rendered.container.textContent).toContain('geçici bir veritabanına');
    expect(labels(rendered.container)).toContain('Ne zaman');
  });
});
