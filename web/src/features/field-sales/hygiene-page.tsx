import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function HygienePage() {
  const { t } = useTranslation();
  return <PageHeader title={t('fieldSales.hygiene.title')} />;
}
