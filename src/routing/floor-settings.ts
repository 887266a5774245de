import { z } from 'zod';
import { DEFAULT_TIERS, tiersSchema } from './segments.ts';

const checklistItem = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
  label: z.string().min(1).max(200),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

/** The workspace's written opportunity definition (商談化の定義) by default: BANT plus a set appointment. */
export const DEFAULT_OPPORTUNITY_DEFINITION: ChecklistItem[] = [
  { key: 'budget', label: 'Budget: the customer has or can get budget (予算)' },
  { key: 'authority', label: 'Authority: the decision maker or their path is known (決裁者)' },
  { key: 'need', label: 'Need: a business problem the product solves (ニーズ)' },
  { key: 'timeline', label: 'Timeline: a purchase timeline within 12 months (導入時期)' },
  { key: 'appointment', label: 'An appointment with Field Sales is set (アポイント)' },
];

/**
 * The sales floor's configuration, kept in `workspaces.settings.salesFloor` and read
 * with these defaults (DOMAIN.md 2 and 6).
 */
export const floorSettingsSchema = z.strictObject({
  tiers: tiersSchema.default(DEFAULT_TIERS),
  /** IS capacity reserved per lead an IS rep holds open (mql hand-off or sal), in half-hour slots. */
  slotsPerOpenLead: z.int().min(0).max(80).default(2),
  /** Reassign a hand-off to another member when its SLA is breached. */
  reassignOnSlaBreach: z.boolean().default(false),
  /** Who receives the won → Customer Success hand-off. */
  wonHandoffRole: z.enum(['onb', 'csm']).default('onb'),
  opportunityDefinition: z.array(checklistItem).max(30).default(DEFAULT_OPPORTUNITY_DEFINITION),
});
export type FloorSettings = z.infer<typeof floorSettingsSchema>;
export { checklistItem as checklistItemSchema };

/** Stored settings with defaults filled in; unknown or broken stored values fall back to defaults. */
export function readFloorSettings(stored: unknown): FloorSettings {
  const parsed = floorSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : floorSettingsSchema.parse({});
}
