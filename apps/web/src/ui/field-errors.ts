import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiRequestError } from '../api/client.js';

export type FieldErrors = Partial<Record<string, string>>;

// The protocol's own sentences are English; these give each custom rule its translated twin.
const CUSTOM_RULE_KEYS: Record<string, string> = {
  host: 'validation.hostRequired',
  port: 'validation.portRequired',
  database: 'validation.sqlitePath',
};

export function describeIssue(issue: z.core.$ZodIssue, t: TFunction): string {
  const field = String(issue.path[0] ?? '');
  if (field === 'agentId') return t('validation.agentRequired');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.tooShort', { minimum: Number(issue.minimum) });
      if (issue.origin === 'number')
        return t('validation.numberTooSmall', { minimum: Number(issue.minimum) });
      return t('validation.invalid');
    case 'too_big':
      if (issue.origin === 'string')
        return t('validation.tooLong', { maximum: Number(issue.maximum) });
      if (issue.origin === 'number')
        return t('validation.numberTooBig', { maximum: Number(issue.maximum) });
      return t('validation.invalid');
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_type':
      return issue.expected === 'number' ? t('validation.number') : t('validation.required');
    case 'custom':
      return t(CUSTOM_RULE_KEYS[field] ?? 'validation.invalid');
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_element':
    case 'invalid_key':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return t('validation.invalid');
  }
}

/** Validates a form with its protocol schema; on failure, one translated sentence per field. */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
  t: TFunction,
): { data: z.infer<S>; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(values);
  if (result.success) return { data: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= describeIssue(issue, t);
  }
  return { data: null, errors };
}

/** The per-field sentences of a server-side VALIDATION_FAILED answer. */
export function serverFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiRequestError)) return {};
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[issue.path.split('.')[0] ?? ''] ??= issue.message;
  return errors;
}
