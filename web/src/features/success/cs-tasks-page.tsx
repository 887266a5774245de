import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function CsTasksPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('success.csTasks.title')} />;
}
