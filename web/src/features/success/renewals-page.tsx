import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function RenewalsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('success.renewals.title')} />;
}
