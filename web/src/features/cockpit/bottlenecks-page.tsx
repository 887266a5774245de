import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function BottlenecksPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('cockpit.bottlenecks.title')} />;
}
