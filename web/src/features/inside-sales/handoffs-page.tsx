import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function HandoffsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('insideSales.handoffs.title')} />;
}
