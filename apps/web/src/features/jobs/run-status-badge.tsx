import { Badge, type BadgeVariant, type MantineColor } from '@mantine/core';
import type { RunStatus } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';

/**
 * Each status's colour. Light badges write in shade 9 on a 6% tint of it (ui/theme.ts), which
 * reaches 4.5:1 for gray, blue, teal and red but not for green (4.1:1) or yellow (2.8:1): a
 * success is teal, and a skip is dark text on a filled yellow.
 */
export const RUN_STATUS_LOOKS: Record<
  RunStatus,
  { color: MantineColor; variant: BadgeVariant; textColor?: 'black' }
> = {
  queued: { color: 'gray', variant: 'light' },
  running: { color: 'blue', variant: 'light' },
  success: { color: 'teal', variant: 'light' },
  failed: { color: 'red', variant: 'light' },
  skipped: { color: 'yellow.4', variant: 'filled', textColor: 'black' },
  cancelled: { color: 'gray', variant: 'light' },
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  const look = RUN_STATUS_LOOKS[status];
  return (
    <Badge
      color={look.color}
      variant={look.variant}
      c={look.textColor}
      data-status={status}
      // A flex row or a table cell squeezes a badge to its min-content, which Mantine's clipped
      // label makes zero: Turkish "ÇALIŞIYOR" showed as "ÇALIŞI…". The badge keeps its width.
      styles={{ root: { flexShrink: 0 }, label: { overflow: 'visible' } }}
    >
      {t(`runs.status.${status}`)}
    </Badge>
  );
}
