import {
  Alert,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { CompressionAlgorithm, type Database, type Storage } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../ui/field-errors.js';
import type { JobFormValues } from './job-form-values.js';
import { storageName } from '../storages/storage-name.js';
import { NotificationFields } from './notification-fields.js';
import { ScheduleFields } from './schedule-fields.js';
import { VerificationFields } from './verification-fields.js';

interface Props {
  values: JobFormValues;
  onChange: (values: JobFormValues) => void;
  errors: FieldErrors;
  databases: readonly Database[];
  storages: readonly Storage[];
  /** The job already has a sealed passphrase: an empty field keeps it. */
  hasPassphrase: boolean;
}

/**
 * The job form in the order a user decides: what, where, when, how, how it is proven to
 * restore, who hears of it.
 */
export function JobFields(props: Props) {
  const { values, onChange, errors, databases, storages } = props;
  const { t } = useTranslation();
  const set = (patch: Partial<JobFormValues>) => onChange({ ...values, ...patch });
  const number = (value: string | number) => (typeof value === 'number' ? value : '');
  return (
    <Stack>
      <TextInput
        label={t('jobs.form.name')}
        required
        value={values.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        error={errors.name}
      />
      <NativeSelect
        label={t('jobs.form.database')}
        required
        value={values.databaseId}
        data={[
          ...(values.databaseId === '' ? [{ value: '', label: '—' }] : []),
          ...databases.map((database) => ({ value: database.id, label: database.name })),
        ]}
        onChange={(e) => set({ databaseId: e.currentTarget.value })}
        error={errors.databaseId}
      />
      <Checkbox.Group
        label={t('jobs.form.storages')}
        description={t('jobs.form.storagesHint')}
        value={values.storageIds}
        onChange={(storageIds) => set({ storageIds })}
        error={errors.storageIds}
      >
        <Group mt="xs">
          {storages.map((storage) => (
            <Checkbox key={storage.id} value={storage.id} label={storageName(storage, t)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Fieldset legend={t('jobs.form.scheduleLegend')}>
        <ScheduleFields values={values} onChange={onChange} errors={errors} />
      </Fieldset>
      <Fieldset legend={t('jobs.form.compressionLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('jobs.form.compression')}
            value={values.algorithm}
            data={CompressionAlgorithm.options.map((value) => ({
              value,
              label: t(`jobs.compression.${value}`),
            }))}
            onChange={(e) => set({ algorithm: CompressionAlgorithm.parse(e.currentTarget.value) })}
          />
          {values.algorithm !== 'none' && (
            <NumberInput
              label={t('jobs.form.level')}
              description={t(`jobs.form.levelHint.${values.algorithm}`)}
              min={1}
              max={values.algorithm === 'gzip' ? 9 : 19}
              allowDecimal={false}
              value={values.level}
              onChange={(level) => set({ level: number(level) })}
              error={errors.level}
            />
          )}
        </SimpleGrid>
      </Fieldset>
      <EncryptionFields {...props} />
      <Fieldset legend={t('jobs.form.retentionLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('jobs.form.keepLast')}
            min={1}
            allowDecimal={false}
            value={values.keepLast}
            onChange={(keepLast) => set({ keepLast: number(keepLast) })}
            error={errors.keepLast}
          />
          <NumberInput
            label={t('jobs.form.keepDays')}
            min={1}
            allowDecimal={false}
            value={values.keepDays}
            onChange={(keepDays) => set({ keepDays: number(keepDays) })}
            error={errors.keepDays}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('jobs.form.verifyLegend')}>
        <VerificationFields values={values} onChange={onChange} errors={errors} />
      </Fieldset>
      <Fieldset legend={t('jobs.form.notificationsLegend')}>
        <NotificationFields values={values} onChange={onChange} errors={errors} />
      </Fieldset>
      <Switch
        label={t('jobs.form.enabled')}
        checked={values.isEnabled}
        onChange={(e) => set({ isEnabled: e.currentTarget.checked })}
      />
    </Stack>
  );
}

function EncryptionFields({ values, onChange, errors, hasPassphrase }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<JobFormValues>) => onChange({ ...values, ...patch });
  const isReplacing = hasPassphrase && values.passphrase !== '';
  return (
    <Fieldset legend={t('jobs.form.encryptionLegend')}>
      <Stack gap="sm">
        <Switch
          label={t('jobs.form.encrypt')}
          checked={values.isEncrypted}
          onChange={(e) => set({ isEncrypted: e.currentTarget.checked })}
        />
        {values.isEncrypted && (
          <>
            <Alert color="yellow" role="note">
              {t('jobs.form.passphraseWarning')}
            </Alert>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PasswordInput
                label={t('jobs.form.passphrase')}
                description={hasPassphrase ? t('storages.form.secretSaved') : undefined}
                autoComplete="new-password"
                value={values.passphrase}
                onChange={(e) => set({ passphrase: e.currentTarget.value })}
                error={errors.passphrase}
              />
              <PasswordInput
                label={t('jobs.form.passphraseAgain')}
                autoComplete="new-password"
                value={values.passphraseAgain}
                onChange={(e) => set({ passphraseAgain: e.currentTarget.value })}
                error={errors.passphraseAgain}
              />
            </SimpleGrid>
            {isReplacing && (
              <PasswordInput
                label={t('jobs.form.currentPassphrase')}
                description={t('jobs.form.currentPassphraseHint')}
                autoComplete="current-password"
                value={values.currentPassphrase}
                onChange={(e) => set({ currentPassphrase: e.currentTarget.value })}
              />
            )}
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
