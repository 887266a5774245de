import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function MrrPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('success.mrr.title')} />;
}
