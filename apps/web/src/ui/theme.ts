import { alpha, type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Mantine's default shades put teal buttons, dimmed text and error text under WCAG AA's 4.5:1
 * contrast on white (2.6:1, 3.3:1, 3.3:1); these are the nearest shades that reach it.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 8 },
  defaultRadius: 'md',
});

/**
 * Light badges and buttons write in shade 9 on a 10% tint of it, which stays under 4.5:1
 * (teal 4.4:1); a 6% tint reaches it and still reads as the colour.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    ...Object.fromEntries(
      Object.entries(resolved.colors).map(([name, shades]) => [
        `--mantine-color-${name}-light`,
        alpha(shades[9], 0.06),
      ]),
    ),
  },
  dark: {},
});
