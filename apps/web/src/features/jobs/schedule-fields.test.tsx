// @vitest-environment happy-dom
import { act, useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { byLabel, choose, type Rendered, render } from '../../test/render.js';
import { emptyJobValues } from './job-form-values.js';
import { ScheduleFields } from './schedule-fields.js';

function Form() {
  const [values, setValues] = useState({ ...emptyJobValues(), timezone: 'Europe/Istanbul' });
  return <ScheduleFields values={values} onChange={setValues} errors={{}} />;
}

/** Types into a controlled input the way a keyboard does (React ignores a plain `.value =`). */
async function type(input: HTMLInputElement | HTMLSelectElement, value: string) {
  await act(async () => {
    // The prototype's setter bypasses the value tracker React installs on the element.
    Reflect.set(HTMLInputElement.prototype, 'value', value, input);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await Promise.resolve();
  });
}

const preview = (container: HTMLElement) => {
  const element = container.querySelector('[data-testid="schedule-preview"]');
  return {
    text: element?.textContent ?? '',
    runs: [...(element?.querySelectorAll('li') ?? [])].map((item) => item.textContent),
  };
};

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  await changeLanguage('en');
});

describe('the schedule preview', () => {
  it('reads the default schedule in words with its next five runs', async () => {
    rendered = await render(<Form />);
    const shown = preview(rendered.container);
    expect(shown.text).toContain('every day at 02:00, Europe/Istanbul');
    expect(shown.runs).toHaveLength(5);
  });

  it('follows a cron expression as it is typed, and says when it is not valid', async () => {
    rendered = await render(<Form />);
    await choose(byLabel(rendered.container, 'Runs'), 'cron');
    const cron = byLabel(rendered.container, 'Cron expression');
    await type(cron, '0 2 * *');
    expect(preview(rendered.container).text).toContain('This schedule is not valid yet.');
    expect(preview(rendered.container).runs).toEqual([]);
    await type(cron, '*/10 * * * *');
    expect(preview(rendered.container).text).toContain('“*/10 * * * *”');
    expect(preview(rendered.container).runs).toHaveLength(5);
  });

  it('shows no preview for a manual job, only how it runs', async () => {
    rendered = await render(<Form />);
    await choose(byLabel(rendered.container, 'Runs'), 'manual');
    expect(rendered.container.textContent).toContain('The job runs only when you press');
    expect(preview(rendered.container).runs).toEqual([]);
  });

  it('speaks Turkish when Turkish is chosen', async () => {
    await changeLanguage('tr');
    rendered = await render(<Form />);
    expect(preview(rendered.container).text).toContain('her gün saat 02:00, Europe/Istanbul');
  });
});
