import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function CadencesPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('insideSales.cadences.title')} />;
}
