import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser, useSignOut } from '../features/auth/use-session.js';

export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const signOut = useSignOut();
  if (!user) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="xs" maw={140} aria-label={`${t('user.menu')}: ${user.name}`}>
          {user.name}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('user.signedInAs', { email: user.email })}</Menu.Label>
        <Menu.Item onClick={() => signOut.mutate()}>{t('user.logout')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
