import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Handoff } from './api.ts';

const KINDS = ['mql', 'sql', 'won', 'expansion', 'recycle'] as const;
type Kind = (typeof KINDS)[number];
const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);
const ROLES = ['marketing', 'mdr', 'sdr', 'ae', 'onb', 'csm', 'am', 'adr', 'manager', 'admin'] as const;
type Role = (typeof ROLES)[number];
const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

const STATUS_COLORS: Record<Handoff['status'], string> = {
  open: 'indigo',
  accepted: 'teal',
  rejected: 'red',
};

/** Hand-off words in the user's language, falling back to the API's code for anything new. */
export function useHandoffText() {
  const { t } = useTranslation();
  return {
    kind: (k: string) => (isKind(k) ? t(`insideSales.handoffs.kinds.${k}`) : k),
    role: (r: string) => (isRole(r) ? t(`roles.${r}`) : r),
    status: (s: Handoff['status']) => t(`insideSales.handoffs.statuses.${s}`),
    rejectOutcome: (o: string) =>
      o === 'recycled' || o === 'disqualified' ? t(`insideSales.reject.outcomes.${o}`) : o,
    subject: (h: Handoff) =>
      h.personName ?? h.personEmail ?? h.accountName ?? t('insideSales.handoffs.noSubject'),
  };
}

export function KindBadge({ kind }: { kind: string }) {
  const text = useHandoffText();
  return (
    <Badge variant="outline" color="gray" size="sm">
      {text.kind(kind)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: Handoff['status'] }) {
  const text = useHandoffText();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} size="sm" data-testid="handoff-status">
      {text.status(status)}
    </Badge>
  );
}
