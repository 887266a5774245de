import { Drawer } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CustomerSuccessPanel } from './customer-success-panel.tsx';

/** An account's health explained, beside the list it was opened from. */
export function CustomerDrawer({
  account,
  onClose,
}: {
  account: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={account !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={account ? t('success.panel.drawerTitle', { name: account.name }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {account ? <CustomerSuccessPanel accountId={account.id} columns={1} /> : null}
    </Drawer>
  );
}
