import { List, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { ScheduleKind } from '@rahatback/protocol';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import type { FieldErrors } from '../../ui/field-errors.js';
import type { JobFormValues } from './job-form-values.js';
import { scheduleOf } from './job-form-values.js';
import { describeSchedule, nextRunTimes } from './schedule.js';

const KINDS: ScheduleKind[] = ['manual', 'hourly', 'daily', 'weekly', 'monthly', 'cron'];

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return [...new Set(['UTC', current, ...zones])];
}

interface Props {
  values: JobFormValues;
  onChange: (values: JobFormValues) => void;
  errors: FieldErrors;
  /** The kinds offered; all by default. */
  kinds?: readonly ScheduleKind[];
}

/** Schedule presets, a cron field, the zone, and the next five run times as the user types. */
export function ScheduleFields({ values, onChange, errors, kinds = KINDS }: Props) {
  const { t, i18n } = useTranslation();
  const zones = useMemo(() => timeZones(values.timezone), [values.timezone]);
  const set = (patch: Partial<JobFormValues>) => onChange({ ...values, ...patch });
  const kind = values.scheduleKind;
  const hasTime = kind === 'daily' || kind === 'weekly' || kind === 'monthly';

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('jobs.form.schedule')}
          value={kind}
          data={kinds.map((value) => ({ value, label: t(`jobs.scheduleKinds.${value}`) }))}
          onChange={(e) => set({ scheduleKind: e.currentTarget.value as ScheduleKind })}
        />
        {kind !== 'manual' && (
          <NativeSelect
            label={t('jobs.form.timezone')}
            value={values.timezone}
            data={zones}
            onChange={(e) => set({ timezone: e.currentTarget.value })}
            error={errors.timezone}
          />
        )}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {kind === 'hourly' && (
          <NumberInput
            label={t('jobs.form.minute')}
            min={0}
            max={59}
            allowDecimal={false}
            value={values.minute}
            onChange={(minute) => set({ minute: typeof minute === 'number' ? minute : '' })}
            error={errors.minute}
          />
        )}
        {kind === 'weekly' && (
          <NativeSelect
            label={t('jobs.form.dayOfWeek')}
            value={String(values.dayOfWeek)}
            data={[0, 1, 2, 3, 4, 5, 6].map((day) => ({
              value: String(day),
              label: new Intl.DateTimeFormat(i18n.language, {
                weekday: 'long',
                timeZone: 'UTC',
              }).format(new Date(Date.UTC(2024, 0, 7 + day))),
            }))}
            onChange={(e) => set({ dayOfWeek: Number(e.currentTarget.value) })}
          />
        )}
        {kind === 'monthly' && (
          <NumberInput
            label={t('jobs.form.dayOfMonth')}
            description={t('jobs.form.dayOfMonthHint')}
            min={1}
            max={31}
            allowDecimal={false}
            value={values.dayOfMonth}
            onChange={(day) => set({ dayOfMonth: typeof day === 'number' ? day : '' })}
            error={errors.dayOfMonth}
          />
        )}
        {hasTime && (
          <TextInput
            type="time"
            label={t('jobs.form.time')}
            value={values.time}
            onChange={(e) => set({ time: e.currentTarget.value })}
            error={errors.time}
          />
        )}
      </SimpleGrid>
      {kind === 'cron' && (
        <TextInput
          label={t('jobs.form.cron')}
          description={t('jobs.form.cronHint')}
          ff="monospace"
          value={values.expression}
          onChange={(e) => set({ expression: e.currentTarget.value })}
          error={errors.expression}
        />
      )}
      <SchedulePreview values={values} />
    </Stack>
  );
}

function SchedulePreview({ values }: { values: JobFormValues }) {
  const { t, i18n } = useTranslation();
  const schedule = scheduleOf(values);
  const runs = nextRunTimes(schedule, 5);
  if (schedule.kind === 'manual')
    return (
      <Text size="sm" c="dimmed">
        {t('jobs.form.manualHint')}
      </Text>
    );
  return (
    <Stack gap={4} aria-live="polite" data-testid="schedule-preview">
      <Text size="sm" fw={500}>
        {runs === null
          ? t('jobs.form.previewInvalid')
          : describeSchedule(schedule, t, i18n.language)}
      </Text>
      {runs && runs.length > 0 && (
        <>
          <Text size="xs" c="dimmed">
            {t('jobs.form.previewTitle')}
          </Text>
          <List size="sm">
            {runs.map((run) => (
              <List.Item key={run.toISOString()}>
                {formatDateTime(run.toISOString(), i18n.language)}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}
