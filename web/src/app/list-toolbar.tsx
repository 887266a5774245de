import { Group, TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A list's search box: what is typed (`q`) and, a moment later, what to ask the API for (`search`). */
export function useListSearch(initial = '') {
  const [q, setQ] = useState(initial);
  const [search] = useDebouncedValue(q, 250);
  return { q, setQ, search };
}

/** The search box of a list, labelled "Search" unless given its own label or aria-label. */
export function SearchField({
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const label = props['aria-label'] ? undefined : (props.label ?? t('common.search'));
  return (
    <TextInput
      w={280}
      {...props}
      label={label}
      type="search"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** The row above a list: search and filters on the left, `actions` (e.g. "new") on the right. */
export function ListToolbar({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const filters = (
    <Group mb={actions ? undefined : 'md'} gap="sm" align="flex-end">
      {children}
    </Group>
  );
  if (!actions) return filters;
  return (
    <Group justify="space-between" align="flex-end" mb="md">
      {filters}
      {actions}
    </Group>
  );
}
