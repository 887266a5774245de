import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function ScenariosPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('planning.scenarios.title')} />;
}
