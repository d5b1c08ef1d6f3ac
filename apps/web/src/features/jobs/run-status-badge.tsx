import { Badge } from '@mantine/core';
import type { RunStatus } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';

const COLORS: Record<RunStatus, string> = {
  queued: 'gray',
  running: 'blue',
  success: 'green',
  failed: 'red',
  skipped: 'yellow',
  cancelled: 'gray',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" data-status={status}>
      {t(`runs.status.${status}`)}
    </Badge>
  );
}
