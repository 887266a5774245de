import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function ImportPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('setup.import.title')} />;
}
