import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function ForecastPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('fieldSales.forecast.title')} />;
}
