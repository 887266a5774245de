import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function ScoringPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('setup.scoring.title')} />;
}
