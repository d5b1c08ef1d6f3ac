// @vitest-environment happy-dom
import { DEFAULT_THEME } from '@mantine/core';
import { RunStatus } from '@rahatback/protocol';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { changeLanguage, setupI18n } from '../../i18n/i18n.js';
import { type Rendered, render } from '../../test/render.js';
import { theme } from '../../ui/theme.js';
import { RUN_STATUS_LOOKS, RunStatusBadge } from './run-status-badge.js';

let rendered: Rendered | undefined;
beforeAll(setupI18n);
afterEach(async () => {
  rendered?.unmount();
  await changeLanguage('en');
});

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const luminance = ([r, g, b]: Rgb) =>
  0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
const contrast = (a: Rgb, b: Rgb) => {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
};
/** `color` at `alpha` over the white page. */
const over = (color: Rgb, alpha: number): Rgb =>
  color.map((c) => c * alpha + 255 * (1 - alpha)) as Rgb;

const lightShade = typeof theme.primaryShade === 'object' ? theme.primaryShade.light : 6;
const shade = (color: string) => {
  const [name = '', index] = color.split('.');
  const shades = DEFAULT_THEME.colors[name];
  const hex = shades?.[index === undefined ? (lightShade ?? 6) : Number(index)];
  if (hex === undefined) throw new Error(`no colour ${color}`);
  return rgb(hex);
};

describe('the run status badge', () => {
  it.each(RunStatus.options)('writes "%s" at 4.5:1 or more on its background', (status) => {
    const look = RUN_STATUS_LOOKS[status];
    // As ui/theme.ts draws them: light = shade 9 on a 6% tint of it; filled = the shade itself.
    const [text, background] =
      look.variant === 'light'
        ? [shade(look.color), over(shade(look.color), 0.06)]
        : [look.textColor === 'black' ? rgb('#000000') : rgb('#ffffff'), shade(look.color)];
    expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps its whole word when its row is squeezed, in Turkish too', async () => {
    await changeLanguage('tr');
    rendered = await render(
      <div style={{ display: 'flex', width: 10 }}>
        <RunStatusBadge status="running" />
      </div>,
    );
    const badge = rendered.container.querySelector<HTMLElement>('[data-status="running"]');
    expect(badge?.textContent).toBe('Çalışıyor');
    expect(badge?.style.flexShrink).toBe('0');
  });
});
