import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isCustomerStage } from './api.ts';

export function CustomerStage({ stage }: { stage: string | null }) {
  const { t } = useTranslation();
  if (!stage)
    return (
      <Text size="sm" c="dimmed">
        {t('accounts.notCustomer')}
      </Text>
    );
  return (
    <Badge variant="light" color={stage === 'churned' ? 'red' : 'indigo'}>
      {isCustomerStage(stage) ? t(`customerStages.${stage}`) : stage}
    </Badge>
  );
}
