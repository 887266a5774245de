import { Paper, Table, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format.ts';
import { useSession } from '../../app/session.tsx';
import { useDirectory } from './directory.ts';
import { HYGIENE_FLAGS, type HygieneFlag } from './hygiene-data.ts';
import { useFlagLabel } from './hygiene-flags.tsx';

interface PersonRow {
  userId: string | null;
  opportunities: number;
  flags: Record<HygieneFlag, number>;
}

/** Problems counted per owner or per manager; a name narrows the list below to that person. */
export function HygienePeople({
  title,
  rows,
  selected,
  onSelect,
  emptyName,
  testId,
}: {
  title: string;
  rows: PersonRow[];
  selected: string | null;
  onSelect: (userId: string | null) => void;
  emptyName: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession();
  const directory = useDirectory();
  const flagLabel = useFlagLabel();
  const sorted = [...rows].sort((a, b) => b.opportunities - a.opportunities);

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing={6} fz="sm" data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fieldSales.hygiene.person')}</Table.Th>
              <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                {t('fieldSales.hygiene.opportunities')}
              </Table.Th>
              {HYGIENE_FLAGS.map((f) => (
                <Table.Th key={f} style={{ textAlign: 'right', whiteSpace: 'nowrap' }} title={flagLabel(f)}>
                  {t(`fieldSales.flagsShort.${f}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((row) => {
              const key = row.userId ?? 'none';
              const name =
                row.userId === me.user.id
                  ? `${directory.userName(row.userId) ?? ''}（${t('fieldSales.forecast.mine')}）`
                  : (directory.userName(row.userId) ?? emptyName);
              return (
                <Table.Tr
                  key={key}
                  bg={selected === key ? 'indigo.0' : undefined}
                  data-testid={`${testId}-${key}`}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <UnstyledButton
                      onClick={() => onSelect(selected === key ? null : key)}
                      aria-pressed={selected === key}
                      aria-label={t('fieldSales.hygiene.showPeople', { name })}
                      c="indigo"
                      fz="sm"
                      fw={500}
                    >
                      {name}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td className="num">{fmt.number(row.opportunities)}</Table.Td>
                  {HYGIENE_FLAGS.map((f) => (
                    <Table.Td key={f} className="num" c={row.flags[f] ? undefined : 'dimmed'}>
                      {fmt.number(row.flags[f])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
