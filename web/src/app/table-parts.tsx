import { Button, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The header of a column of row buttons: named for assistive technology, blank on screen. */
export function ActionsTh({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Table.Th>
      <span className="visually-hidden">{label ?? t('common.edit')}</span>
    </Table.Th>
  );
}

/** A row's "Edit" button, named after the row for screen readers ("Edit: name"). */
export function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="compact-sm" variant="subtle" onClick={onClick} aria-label={`${t('common.edit')}: ${name}`}>
      {t('common.edit')}
    </Button>
  );
}
