import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KpiNode } from './api.ts';
import { KpiCard } from './kpi-card.tsx';
import classes from './kpi-tree.module.css';
import { useLooseT } from './loose-t.ts';

const maxShare = (nodes: KpiNode[]) => Math.max(0, ...nodes.map((n) => Math.abs(n.contribution ?? 0)));

/** New MRR's children are factors of one product: they are joined by ×, not by +. */
const MULTIPLIED = new Set(['newMrr']);

function Branch({ node, scale }: { node: KpiNode; scale: number }) {
  const { t } = useTranslation();
  const tx = useLooseT();
  const children = node.children ?? [];
  const childScale = maxShare(children);
  return (
    <div className={classes.branch}>
      <KpiCard node={node} scale={scale} />
      {children.length > 0 ? (
        <ul
          className={classes.children}
          aria-label={t('cockpit.kpi.branchOf', {
            name: tx(`cockpit.kpi.nodes.${node.key}`, { defaultValue: node.key }),
          })}
        >
          {children.map((c, i) => (
            <li key={c.key} className={classes.child}>
              {MULTIPLIED.has(node.key) && i > 0 ? (
                <span className={classes.operator} aria-hidden>
                  ×
                </span>
              ) : null}
              <Branch node={c} scale={childScale} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The KPI tree drawn left to right: net new MRR, its movements, and New MRR's factors. */
export function KpiTree({ root }: { root: KpiNode }) {
  return (
    <Box style={{ overflowX: 'auto' }} py="xs" data-testid="kpi-tree">
      <Branch node={root} scale={Math.abs(root.contribution ?? 0)} />
    </Box>
  );
}
