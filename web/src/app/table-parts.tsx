import { Badge, Button, Table } from '@mantine/core';
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

/**
 * The last two cells of a revocable secret's row (API tokens, tracking write keys): its
 * status, and a revoke button named after the row while it is still active.
 */
export function RevocableCells({
  name,
  revoked,
  labels,
  onRevoke,
}: {
  name: string;
  revoked: boolean;
  labels: { active: string; revoked: string; revoke: string };
  onRevoke: () => void;
}) {
  return (
    <>
      <Table.Td>
        <Badge variant="dot" color={revoked ? 'gray' : 'green'}>
          {revoked ? labels.revoked : labels.active}
        </Badge>
      </Table.Td>
      <Table.Td>
        {revoked ? null : (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            aria-label={`${labels.revoke}: ${name}`}
            onClick={onRevoke}
          >
            {labels.revoke}
          </Button>
        )}
      </Table.Td>
    </>
  );
}
