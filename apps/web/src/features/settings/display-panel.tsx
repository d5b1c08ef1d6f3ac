import { Button, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  browserTimeZone,
  chooseTimeZone,
  chosenTimeZone,
  timeZoneOptions,
  useDisplayTimeZone,
} from '../../i18n/time-zone.js';
import { LanguageSwitch } from '../../ui/language-switch.js';

/** The language and the time zone dates show in, both remembered by this browser. */
export function DisplayPanel() {
  const { t } = useTranslation();
  const zone = useDisplayTimeZone();
  const browserZone = browserTimeZone();
  const zones = useMemo(() => timeZoneOptions(browserZone, zone), [browserZone, zone]);
  const isChosen = chosenTimeZone() !== null;

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('settings.display.title')}
      </Title>
      <Stack gap="sm">
        <LanguageSwitch />
        <Select
          label={t('settings.display.timezoneLabel')}
          description={t('settings.display.timezoneHint')}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t('settings.display.noZone')}
          data={zones}
          value={zone}
          onChange={(value) => {
            if (value !== null) chooseTimeZone(value);
          }}
        />
        <Text size="sm" c="dimmed">
          {t('settings.display.browserZone', { timezone: browserZone })}
        </Text>
        {isChosen && (
          <Button variant="subtle" size="xs" onClick={() => chooseTimeZone(null)}>
            {t('settings.display.useBrowserZone')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
