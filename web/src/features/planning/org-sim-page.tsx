import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/page-header.tsx';

export default function OrgSimPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('planning.orgSim.title')} />;
}
