// @vitest-environment happy-dom
import { act } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupI18n } from '../../i18n/i18n.js';
import { browserTimeZone, chooseTimeZone } from '../../i18n/time-zone.js';
import { byLabel, type Rendered, render } from '../../test/render.js';
import { DisplayPanel } from './display-panel.js';

const resetButton = (container: HTMLElement) =>
  [...container.querySelectorAll('button')].find(
    (button) => button.textContent === "Use the browser's zone",
  );

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(() => {
  rendered?.unmount();
  chooseTimeZone(null);
});

describe('the time zone setting', () => {
  it('starts at the browser’s zone, follows a choice, and goes back to the browser’s', async () => {
    rendered = await render(<DisplayPanel />);
    const { container } = rendered;
    expect(byLabel(container, 'Time zone').value).toBe(browserTimeZone());
    expect(resetButton(container)).toBeUndefined();

    await act(async () => {
      chooseTimeZone('Asia/Tokyo');
      await Promise.resolve();
    });
    expect(byLabel(container, 'Time zone').value).toBe('Asia/Tokyo');
    expect(localStorage.getItem('rahatback.timeZone')).toBe('Asia/Tokyo');

    await act(async () => {
      resetButton(container)?.click();
      await Promise.resolve();
    });
    expect(byLabel(container, 'Time zone').value).toBe(browserTimeZone());
    expect(localStorage.getItem('rahatback.timeZone')).toBeNull();
  });
});
