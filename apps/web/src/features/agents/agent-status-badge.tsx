import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function AgentStatusBadge({ online }: { online: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      // Teal: white on green's darkest shade is still under 4.5:1.
      color={online ? 'teal' : 'gray'}
      variant={online ? 'filled' : 'light'}
      // A table squeezes cells to their min-content; a clipped label would let it cut the status.
      styles={{ label: { overflow: 'visible' } }}
    >
      {online ? t('agents.online') : t('agents.offline')}
    </Badge>
  );
}
