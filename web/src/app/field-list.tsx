import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A record's fields as label / value pairs. */
export function FieldList({
  fields,
  cols = 2,
}: {
  fields: { label: string; value: ReactNode }[];
  cols?: number;
}) {
  return (
    <SimpleGrid cols={{ base: 1, sm: cols }} spacing="lg" verticalSpacing="md" component="dl" m={0}>
      {fields.map((f) => (
        <Stack key={f.label} gap={2}>
          <Text component="dt" size="xs" c="dimmed" fw={600}>
            {f.label}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {f.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
