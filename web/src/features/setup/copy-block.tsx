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
              {copied ? t('setup.tracking.copied') : copyLabel}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** The tag a site pastes: the first-party script reads its write key from `data-write-key`. */
export function trackingSnippet(writeKey: string): string {
  return `<script async src="${window.location.origin}/t/baton.js" data-write-key="${writeKey}"></script>`;
}

/** Where a form posts (JSON or an HTML form post). */
export const formPostUrl = (formKey: string) => `${window.location.origin}/f/v1/${formKey}`;
