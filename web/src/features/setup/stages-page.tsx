import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function StagesPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('setup.stages.title')} />;
}
