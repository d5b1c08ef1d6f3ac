import { AppShell, Burger, Group, NavLink, Text, useMantineTheme } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from './language-switch.js';
import { PageLoader } from './query-state.js';
import { UserMenu } from './user-menu.js';

// Issue 5's pages (storages, jobs, history, settings) join this list.
const NAV_ITEMS = [
  { to: '/', labelKey: 'nav.dashboard' },
  { to: '/databases', labelKey: 'nav.databases' },
  { to: '/jobs', labelKey: 'nav.jobs' },
  { to: '/history', labelKey: 'nav.history' },
  { to: '/storages', labelKey: 'nav.storages' },
  { to: '/agents', labelKey: 'nav.agents' },
  { to: '/settings', labelKey: 'nav.settings' },
] as const;

function isActive(pathname: string, to: string): boolean {
  return to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
}

/** The signed-in layout: header, navigation, and the current page. */
export function Shell() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const theme = useMantineTheme();
  const isPhone = useMediaQuery(`(max-width: ${theme.breakpoints.sm})`) ?? false;
  // Folded away on a phone, the navigation is only moved off screen: `inert` keeps its links
  // out of the Tab order and the screen reader until the burger unfolds it.
  const isNavFolded = isPhone && !opened;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Text component={Link} to="/" fw={700} size="lg" c="teal.9">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap" miw={0}>
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="xs"
        component="nav"
        id="main-navigation"
        aria-label={t('nav.main')}
        inert={isNavFolded}
      >
        {NAV_ITEMS.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.labelKey)}
            active={isActive(pathname, item.to)}
            aria-current={isActive(pathname, item.to) ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
