import { Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  intro,
  action,
}: {
  title: string;
  intro?: string;
  action?: ReactNode;
}) {
  return (
    // On a phone the action goes under the title instead of being cut off beside it.
    <Group justify="space-between" align="flex-start" mb="lg" gap="sm">
      <Stack gap={4}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {intro !== undefined && (
          <Text c="dimmed" maw={640}>
            {intro}
          </Text>
        )}
      </Stack>
      {action}
    </Group>
  );
}
