import { Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Checklist items done out of all, as a bar and in words. */
export function OnboardingProgress({
  done,
  total,
  testId,
}: {
  done: number;
  total: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const text = t('success.onboarding.progress', { done, total });
  return (
    <Group gap="xs" wrap="nowrap" data-testid={testId}>
      <Progress
        value={total ? (done / total) * 100 : 0}
        w={120}
        size="md"
        color={done === total && total > 0 ? 'teal' : 'indigo'}
        aria-label={text}
      />
      <Text size="sm" className="num" data-testid={testId ? `${testId}-text` : undefined}>
        {text}
      </Text>
    </Group>
  );
}
