// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { byLabel, choose, click, labels, type Rendered, render } from '../../test/render.js';
import { emptyJobValues, type JobFormValues } from './job-form-values.js';
import { NotificationFields } from './notification-fields.js';

let latest: JobFormValues | undefined;

function Form({ initial }: { initial?: Partial<JobFormValues> }) {
  const [values, setValues] = useState({ ...emptyJobValues(), ...initial });
  latest = values;
  return (
    <QueryClientProvider client={new QueryClient()}>
      <NotificationFields values={values} onChange={setValues} errors={{}} />
    </QueryClientProvider>
  );
}

/** Types into a controlled input the way a keyboard does (React ignores a plain `.value =`). */
async function type(input: HTMLInputElement | HTMLSelectElement, value: string) {
  await act(async () => {
    Reflect.set(HTMLInputElement.prototype, 'value', value, input);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await Promise.resolve();
  });
}

function button(container: HTMLElement, name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find(
    (element) => element.getAttribute('aria-label') === name || element.textContent === name,
  );
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  latest = undefined;
  await changeLanguage('en');
});

describe('the notification fields', () => {
  it('asks for recipients once email is on, and says that none means the account’s address', async () => {
    rendered = await render(<Form />);
    expect(labels(rendered.container)).not.toContain('Recipients');
    await click(byLabel(rendered.container, 'By email'));
    const recipients = byLabel(rendered.container, 'Recipients');
    expect(rendered.container.textContent).toContain(
      "Leave it empty to send to your account's own address.",
    );
    await type(recipients, 'ops@example.com, dba@example.com');
    expect(latest).toMatchObject({
      isEmailEnabled: true,
      emailTo: 'ops@example.com, dba@example.com',
    });
  });

  it('adds webhooks up to the limit of ten, and removes the one chosen', async () => {
    rendered = await render(<Form />);
    const container = rendered.container;
    for (let n = 1; n <= 10; n += 1) await click(button(container, 'Add webhook'));
    expect(button(container, 'Add webhook').disabled).toBe(true);
    expect(container.textContent).toContain('A job can have at most 10 webhooks.');
    await type(byLabel(container, 'Webhook 1 URL'), 'https://one.example.com/hook');
    await type(byLabel(container, 'Webhook 2 URL'), 'https://two.example.com/hook');
    await choose(byLabel(container, 'Webhook 2 format'), 'slack');
    await click(button(container, 'Remove webhook 1'));
    expect(latest?.webhooks).toHaveLength(9);
    expect(latest?.webhooks[0]).toEqual({ url: 'https://two.example.com/hook', format: 'slack' });
    expect(byLabel(container, 'Webhook 1 URL').value).toBe('https://two.example.com/hook');
    expect(button(container, 'Add webhook').disabled).toBe(false);
  });

  it('refuses to test a URL that is not one, under its field and in Turkish', async () => {
    await changeLanguage('tr');
    rendered = await render(
      <Form initial={{ webhooks: [{ url: 'hooks.example.com/x', format: 'json' }] }} />,
    );
    const container = rendered.container;
    await click(button(container, 'Deneme gönder'));
    expect(container.textContent).toContain(
      "Webhook'un https:// (ya da http://) ile başlayan tam adresini yazın.",
    );
    expect(byLabel(container, '1. webhook adresi').getAttribute('aria-invalid')).toBe('true');
  });
});
