import { Badge } from '@mantine/core';
import type { BottleneckKind } from './api.ts';
import { useLooseT } from './loose-t.ts';

export const KIND_COLORS: Record<BottleneckKind, string> = {
  conversion_drop: 'red',
  inventory_buildup: 'orange',
  capacity_overload: 'grape',
  supply_shortage: 'yellow',
  sla_breach: 'pink',
  pipeline_hygiene: 'cyan',
  anomaly: 'gray',
};

export function KindBadge({ kind }: { kind: BottleneckKind }) {
  const tx = useLooseT();
  return (
    <Badge variant="light" color={KIND_COLORS[kind] ?? 'gray'} data-testid="finding-kind">
      {tx(`cockpit.findings.kinds.${kind}`, { defaultValue: kind })}
    </Badge>
  );
}
