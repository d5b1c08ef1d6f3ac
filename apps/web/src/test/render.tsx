import { MantineProvider } from '@mantine/core';
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

// Tells React that updates in these tests are wrapped in act(), as a test renderer would.
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

export interface Rendered {
  container: HTMLElement;
  unmount: () => void;
}

/** Renders into a fresh element of the (happy-dom) document, inside the app's theme provider. */
export async function render(ui: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(<MantineProvider>{ui}</MantineProvider>);
    await Promise.resolve();
  });
  return {
    container,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** The form control whose visible label reads `text` (Mantine adds " *" to required ones). */
export function byLabel(
  container: HTMLElement,
  text: string,
): HTMLInputElement | HTMLSelectElement {
  const label = [...container.querySelectorAll('label')].find(
    (element) => element.textContent?.replace(/\s*\*$/, '') === text,
  );
  const control = label ? document.getElementById(label.htmlFor) : null;
  if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement))
    throw new Error(`no input labelled "${text}"`);
  return control;
}

export function labels(container: HTMLElement): string[] {
  return [...container.querySelectorAll('label')].map(
    (l) => l.textContent?.replace(/\s*\*$/, '') ?? '',
  );
}

export async function choose(select: HTMLInputElement | HTMLSelectElement, value: string) {
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await Promise.resolve();
  });
}

/** Clicks `element` and lets React apply what the click changed. */
export async function click(element: HTMLElement) {
  await act(async () => {
    element.click();
    await Promise.resolve();
  });
}
