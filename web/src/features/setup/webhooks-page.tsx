import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function WebhooksPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('setup.webhooks.title')} />;
}
