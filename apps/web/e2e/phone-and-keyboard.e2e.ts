import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot } from './support/browser.js';
import { englishOnlyTexts, type Language, translator } from './support/catalogue.js';
import { ACCOUNT_PASSWORD, labelled, openLoginPage } from './support/page.js';
import { enrollAndRunAgent, startServerWithWeb } from './support/stack.js';

/**
 * Issue 5's "the layout works on a phone; keyboard and screen-reader basics": at 390×844, sign
 * up and in with Tab and Enter only, seeing where the focus is; open every page through the
 * burger menu with no sideways page scroll and no unnamed form field; and see the Agents and
 * Databases lists warn that an agent without the MariaDB client cannot back up a MariaDB
 * database, naming the fix.
 */

/** The accessible name of a form control: aria-label, aria-labelledby, <label> or title. */
const NAME_OF = `(el) => {
  const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\\s+/).filter(Boolean);
  return [
    el.getAttribute('aria-label') ?? '',
    ...ids.map((id) => document.getElementById(id)?.textContent ?? ''),
    ...[...(el.labels ?? [])].map((label) => label.textContent ?? ''),
    el.getAttribute('title') ?? '',
  ].join(' ').trim();
}`;

/** Every visible input, select and textarea that a screen reader would announce without a name. */
const UNNAMED_FIELDS = `(() => {
  const nameOf = ${NAME_OF};
  return [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden' && !el.closest('[aria-hidden="true"]'))
    .filter((el) => el.getClientRects().length > 0)
    .filter((el) => nameOf(el) === '')
    .map((el) => el.outerHTML.slice(0, 160));
})()`;

/**
 * Text whose contrast with the background behind it is under WCAG AA: 4.5:1, or 3:1 for large
 * text (24px, or 18.66px bold). The background is the nearest opaque one among the ancestors,
 * with translucent layers blended over it. Disabled controls and decorative signs hidden from
 * screen readers are exempt, as WCAG allows (a sign needs 3:1, which orange on its tint has).
 */
const LOW_CONTRAST = `(() => {
  const parse = (c) => (c.match(/[\\d.]+/g) ?? []).map(Number);
  const blend = (top, under) => {
    const a = top[3] ?? 1;
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if ((c[3] ?? 1) > 0) layers.push(c);
      if ((c[3] ?? 1) >= 1) break;
    }
    return layers.reverse().reduce((under, top) => blend(top, under), [255, 255, 255, 1]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const found = new Map();
  for (const el of document.querySelectorAll('body *')) {
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!hasText || el.getClientRects().length === 0) continue;
    if (el.closest('[disabled], [data-disabled], [aria-hidden="true"]')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    const bg = background(el);
    const fg = blend(parse(style.color), bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const isLarge = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (isLarge ? 3 : 4.5)) {
      const text = el.textContent.trim().slice(0, 40);
      found.set(style.color + ' on ' + bg.join(','), text + ' (' + ratio.toFixed(2) + ':1)');
    }
  }
  return [...found.entries()].map(([colors, text]) => text + ' — ' + colors);
})()`;

/** How wide the page is against the window: a phone must never scroll the page sideways. */
const PAGE_WIDTH = `({ scroll: document.documentElement.scrollWidth, window: window.innerWidth })`;

/**
 * The focused element's name (or text) and how it looks, then how it looks once blurred. Mantine
 * fades an input's border colour in 100 ms, so each look waits for the fade to end.
 */
const FOCUS_LOOK = `(async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return { name: '', focused: '', blurred: '' };
  const nameOf = ${NAME_OF};
  const look = async () => {
    await new Promise((resolve) => setTimeout(resolve, 250));
    // A password field draws its border on the frame around the <input>.
    return [el, el.parentElement, el.parentElement?.parentElement]
      .filter(Boolean)
      .map((node) => {
        const s = getComputedStyle(node);
        return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.borderColor, s.boxShadow].join(' ');
      })
      .join(' / ');
  };
  const focused = await look();
  el.blur();
  const blurred = await look();
  el.focus();
  return { name: nameOf(el) || (el.textContent ?? '').trim(), focused, blurred };
})()`;

/** Every page of the navigation: screenshot name, link, page title. */
const PAGES = [
  ['dashboard', 'nav.dashboard', 'dashboard.title'],
  ['databases', 'nav.databases', 'databases.title'],
  ['jobs', 'nav.jobs', 'jobs.title'],
  ['history', 'nav.history', 'history.title'],
  ['storages', 'nav.storages', 'storages.title'],
  ['agents', 'nav.agents', 'agents.title'],
  ['settings', 'nav.settings', 'settings.title'],
] as const;

interface FocusLook {
  name: string;
  focused: string;
  blurred: string;
}

describe.each<Language>(['en', 'tr'])('on a phone, with the keyboard, in %s', (language) => {
  const t = translator(language);
  const cleanups: (() => Promise<void>)[] = [];
  const suffix = randomBytes(3).toString('hex');
  const email = `phone-${suffix}@example.com`;
  const password = ACCOUNT_PASSWORD;
  let browser: Browser;
  let page: Page;
  let errors: () => string[];
  let baseUrl: string;

  /** Screenshot, then the two checks every page must pass. */
  const checkPage = async (step: string) => {
    await screenshot(page, language, `phone-${step}`);
    const width = await page.evaluate<{ scroll: number; window: number }>(PAGE_WIDTH);
    expect(width.scroll, `${step} scrolls sideways`).toBeLessThanOrEqual(width.window);
    expect(await page.evaluate<string[]>(UNNAMED_FIELDS), `${step} has unnamed fields`).toEqual([]);
    expect(await page.evaluate<string[]>(LOW_CONTRAST), `${step} has low-contrast text`).toEqual(
      [],
    );
    if (language === 'en') return;
    const lines = (await page.locator('body').innerText()).split('\n').map((line) => line.trim());
    expect(
      lines.filter((line) => englishOnly.has(line)),
      `${step} has English left`,
    ).toEqual([]);
  };
  const englishOnly = englishOnlyTexts();

  /** Presses Tab until the focused element is named `name` (a label or a link's text). */
  const tabTo = async (name: string) => {
    const seen: string[] = [];
    for (let step = 0; step < 20; step += 1) {
      await page.keyboard.press('Tab');
      const look = await page.evaluate<FocusLook>(FOCUS_LOOK);
      seen.push(look.name);
      if (look.name.replace(/\s*\*$/, '') === name) {
        expect(look.focused, `the focus on “${name}” is not visible`).not.toBe(look.blurred);
        return;
      }
    }
    throw new Error(`Tab never reached “${name}”; it went through: ${seen.join(' | ')}`);
  };

  const heading = (key: string) =>
    page.getByRole('heading', { level: 1, name: t(key), exact: true });

  beforeAll(async () => {
    const server = await startServerWithWeb(`phone-${language}-${suffix}`);
    cleanups.push(server.stop);
    baseUrl = server.url;
    ({ browser, page, errors } = await openPage({
      locale: 'en-US',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    }));
    cleanups.push(() => browser.close());
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('signs up with Tab and Enter alone, the focus visible on each field', async () => {
    await openLoginPage(page, baseUrl, language);
    await checkPage('login');

    await tabTo(t('auth.login.registerLink'));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t('auth.register.title') }).waitFor();
    await tabTo(t('auth.fields.name'));
    await page.keyboard.type('Phone Test');
    await tabTo(t('auth.fields.email'));
    await page.keyboard.type(email);
    await tabTo(t('auth.fields.password'));
    await page.keyboard.type(password);
    await checkPage('register');
    await page.keyboard.press('Enter');
    await heading('dashboard.title').waitFor();
  });

  it('signs in with Tab and Enter alone', async () => {
    await page.context().clearCookies();
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: t('auth.login.title') }).waitFor();
    await tabTo(t('auth.fields.email'));
    await page.keyboard.type(email);
    await tabTo(t('auth.fields.password'));
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await heading('dashboard.title').waitFor();
  });

  it('opens every page through the burger menu, none wider than the phone', async () => {
    for (const [step, navKey, titleKey] of PAGES) {
      await openFromMenu(page, t, navKey);
      await heading(titleKey).waitFor();
      await checkPage(step);
    }
    for (const [step, path, titleKey] of [
      ['database-new', '/databases', 'databases.form.titleNew'],
      ['storage-new', '/storages', 'storages.form.titleNew'],
      ['job-new', '/jobs', 'jobs.form.titleNew'],
    ] as const) {
      await page.goto(`${baseUrl}${path}/new`);
      await heading(titleKey).waitFor();
      await checkPage(step);
    }
  });

  it('warns on the Agents and Databases lists that an agent without the MariaDB client cannot back up a MariaDB database', async () => {
    // A host with PostgreSQL's clients (found in /usr/lib/postgresql) but no MariaDB or MySQL
    // client on PATH: only what the enrollment command runs (npx, node, and npm's sh).
    const bin = await mkdtemp(join(tmpdir(), 'rahatback-e2e-path-'));
    cleanups.push(() => rm(bin, { recursive: true, force: true }));
    await symlink(process.execPath, join(bin, 'node'));
    await symlink('/usr/bin/npx', join(bin, 'npx'));
    await symlink('/bin/sh', join(bin, 'sh'));

    await openFromMenu(page, t, 'nav.agents');
    await page
      .getByRole('button', { name: t('agents.add') })
      .first()
      .click();
    await labelled(page, t('agents.enroll.nameLabel')).fill(`phone-${suffix}`);
    await page.getByRole('button', { name: t('agents.enroll.create') }).click();
    const command = (await page.getByTestId('enrollment-command').textContent()) ?? '';
    const agent = await enrollAndRunAgent(command, { PATH: bin });
    cleanups.push(agent.remove);
    await page
      .getByRole('dialog')
      .getByText(t('agents.enroll.connected', { name: `phone-${suffix}` }))
      .waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');

    await page.goto(`${baseUrl}/databases/new`);
    const field = (key: string) => labelled(page, t(`databases.form.${key}`));
    await field('name').fill('Blog');
    await field('engine').selectOption('mariadb');
    await field('host').fill('127.0.0.1');
    await field('username').fill('root');
    await field('database').fill('mysql');
    await page.getByRole('button', { name: t('common.save') }).click();
    await page.getByRole('cell', { name: 'Blog', exact: true }).waitFor();

    const fix = t('agents.toolFix.mariadb', { host: hostname() });
    const disjunction = new Intl.ListFormat(language, { type: 'disjunction' });
    const noBackup = t('agents.toolGaps.noBackupTool', {
      database: 'Blog',
      tools: disjunction.format(['mariadb-dump', 'mysqldump']),
      host: hostname(),
      fix,
    });
    // The badge on the row points screen readers at the sentences under it.
    const badge = page
      .getByText(t('agents.toolWarnings.badge'), { exact: true })
      .locator('xpath=ancestor-or-self::*[@aria-describedby][1]');
    const warnings = page.getByTestId('tool-warnings');
    await warnings.getByText(noBackup, { exact: true }).waitFor();
    expect(await warnings.getAttribute('id')).toBe(await badge.getAttribute('aria-describedby'));
    await checkPage('databases-tool-warning');

    await openFromMenu(page, t, 'nav.agents');
    const row = page.getByRole('row').filter({ hasText: `phone-${suffix}` });
    await row.getByText('pg_dump', { exact: false }).first().waitFor();
    await page.getByTestId('tool-warnings').getByText(noBackup, { exact: true }).waitFor();
    await checkPage('agents-tool-warning');
  });

  it('pages a long Databases list 25 rows at a time, the pager worked with the keyboard', async () => {
    // 26 more SQLite databases (which need no client tool) through the API, as the session.
    const api = (path: string) => `${baseUrl}/api/v1${path}`;
    const me = (await (await page.request.get(api('/auth/me'))).json()) as { csrfToken: string };
    const agents = (await (await page.request.get(api('/agents'))).json()) as {
      items: { id: string }[];
    };
    const agentId = agents.items[0]?.id ?? '';
    for (let n = 1; n <= 26; n += 1) {
      const name = `Paged ${String(n).padStart(2, '0')}`;
      const response = await page.request.post(api('/databases'), {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { name, engine: 'sqlite', database: `/tmp/${name}.db`, agentId },
      });
      expect(response.status(), await response.text()).toBe(201);
    }
    await openFromMenu(page, t, 'nav.databases');
    const names = page.getByRole('cell', { name: /^(Blog|Paged \d\d)$/ });
    await expect.poll(() => names.count()).toBe(25);

    const pager = page.getByRole('navigation', {
      name: t('common.pagination.label', { list: t('databases.listLabel') }),
    });
    const pageTwo = pager.getByRole('button', { name: t('common.pagination.page', { page: '2' }) });
    await pageTwo.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => names.count()).toBe(2);
    expect(await pageTwo.getAttribute('aria-current')).toBe('page');
    await checkPage('databases-page-2');
  });

  it('lays the same pages out on a laptop, the navigation beside them', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const [step, navKey, titleKey] of PAGES) {
      await page
        .getByRole('navigation', { name: t('nav.main') })
        .getByRole('link', { name: t(navKey), exact: true })
        .click();
      await heading(titleKey).waitFor();
      await checkPage(`laptop-${step}`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('showed no browser console error or page error', () => {
    expect(errors()).toEqual([]);
  });
});

/**
 * Whether the folded navigation is out of sight and out of reach: slid off the screen, and no
 * link in it can take the keyboard's focus.
 */
const NAV_FOLDED = `(() => {
  const nav = document.getElementById('main-navigation');
  const link = nav?.querySelector('a');
  if (!nav || !link) return false;
  const previous = document.activeElement;
  link.focus();
  const isFocusable = document.activeElement === link;
  if (previous instanceof HTMLElement) previous.focus();
  return nav.getBoundingClientRect().right <= 0 && !isFocusable;
})()`;

/** Opens the burger menu, follows the link, and waits for the menu to fold away again. */
async function openFromMenu(page: Page, t: (key: string) => string, navKey: string) {
  const burger = page.getByRole('button', { name: t('nav.toggle') });
  expect(await page.evaluate<boolean>(NAV_FOLDED)).toBe(true);
  await burger.click();
  expect(await burger.getAttribute('aria-expanded')).toBe('true');
  await page
    .getByRole('navigation', { name: t('nav.main') })
    .getByRole('link', { name: t(navKey), exact: true })
    .click();
  await page.waitForFunction(NAV_FOLDED);
}
