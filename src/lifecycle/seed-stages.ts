import type { RequestContext } from '../platform/context.ts';
import { DEFAULT_LIFECYCLES } from './default-stages.ts';
import { insertDefinition } from './store.ts';

/** Version 1 of the three lifecycles, DOMAIN.md's defaults, for a new workspace. */
export async function seedDefaultStages(ctx: RequestContext): Promise<void> {
  for (const definition of DEFAULT_LIFECYCLES) await insertDefinition(ctx, 1, definition);
}
