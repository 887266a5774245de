import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A value to copy as shown (a secret, a tag, a URL), with its copy button. */
export function CopyBlock({
  label,
  value,
  copyLabel,
  testId,
}: {
  label?: string;
  value: string;
  copyLabel: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      {label ? (
        <Text size="sm" fw={600}>
          {label}
        </Text>
      ) : null}
      <Code block data-testid={testId} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {value}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant={copied ? 'light' : 'default'}
              color={copied ? 'teal' : undefined}
              onClick={copy}
            >
              {copied ? t('common.copied') : copyLabel}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
