import { NativeSelect, Stack, Switch, Text } from '@mantine/core';
import type { ScheduleKind } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../ui/field-errors.js';
import type { JobFormValues, ScheduleValues, VerifyWhen } from './job-form-values.js';
import { ScheduleFields } from './schedule-fields.js';

// A manual schedule would never test-restore: "after every backup" or a clock, nothing else.
const KINDS: ScheduleKind[] = ['hourly', 'daily', 'weekly', 'monthly', 'cron'];
const WHEN: VerifyWhen[] = ['afterBackup', 'schedule'];
const PREFIX = 'verifySchedule.';

interface Props {
  values: JobFormValues;
  onChange: (values: JobFormValues) => void;
  errors: FieldErrors;
}

const scheduleValues = (values: ScheduleValues): ScheduleValues => ({
  scheduleKind: values.scheduleKind,
  minute: values.minute,
  time: values.time,
  dayOfWeek: values.dayOfWeek,
  dayOfMonth: values.dayOfMonth,
  expression: values.expression,
  timezone: values.timezone,
});

/** The sentences of the test restores' schedule, keyed as the schedule inputs know them. */
const scheduleErrors = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(
    Object.entries(errors).flatMap(([field, sentence]) =>
      field.startsWith(PREFIX) ? [[field.slice(PREFIX.length), sentence]] : [],
    ),
  );

/**
 * Test restores: on, and when — after every successful backup, or on their own schedule
 * (the job's schedule inputs and preview, over the test restores' own values).
 */
export function VerificationFields({ values, onChange, errors }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<JobFormValues>) => onChange({ ...values, ...patch });
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('jobs.form.verifyExplain')}
      </Text>
      <Switch
        label={t('jobs.form.verify')}
        checked={values.isVerifying}
        onChange={(e) => set({ isVerifying: e.currentTarget.checked })}
      />
      {values.isVerifying && (
        <>
          <NativeSelect
            label={t('jobs.form.verifyWhen')}
            value={values.verifyWhen}
            data={WHEN.map((value) => ({ value, label: t(`jobs.form.verifyWhens.${value}`) }))}
            onChange={(e) =>
              set({ verifyWhen: e.currentTarget.value === 'schedule' ? 'schedule' : 'afterBackup' })
            }
          />
          {values.verifyWhen === 'schedule' && (
            <ScheduleFields
              values={{ ...values, ...values.verifySchedule }}
              onChange={(next) => set({ verifySchedule: scheduleValues(next) })}
              errors={scheduleErrors(errors)}
              kinds={KINDS}
            />
          )}
        </>
      )}
    </Stack>
  );
}
