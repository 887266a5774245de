import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function QueuePage() {
  const { t } = useTranslation();
  return <PageHeader title={t('insideSales.queue.title')} />;
}
