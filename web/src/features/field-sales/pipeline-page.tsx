import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function PipelinePage() {
  const { t } = useTranslation();
  return <PageHeader title={t('fieldSales.pipeline.title')} />;
}
