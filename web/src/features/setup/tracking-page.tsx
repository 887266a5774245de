import { Code, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';
import { FormsSection } from './forms-section.tsx';
import { WriteKeysSection } from './write-keys.tsx';

export default function TrackingPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('setup.tracking.title')} description={t('setup.tracking.description')} />
      <Stack>
        <SimpleGrid cols={{ base: 1, lg: 3 }}>
          <div style={{ gridColumn: 'span 2' }}>
            <WriteKeysSection />
          </div>
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4" mb="xs">
              {t('setup.tracking.howTitle')}
            </Title>
            <List size="sm" spacing="xs">
              <List.Item>{t('setup.tracking.how')}</List.Item>
              <List.Item>{t('setup.tracking.howKey')}</List.Item>
            </List>
            <Text size="xs" c="dimmed" mt="sm">
              <Code>{`${window.location.origin}/t/baton.js`}</Code>
            </Text>
          </Paper>
        </SimpleGrid>
        <FormsSection />
      </Stack>
    </>
  );
}
