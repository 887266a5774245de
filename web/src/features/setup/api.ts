import type { ImportFormat as ServerImportFormat } from '../../../../src/capture/import-formats.ts';
import type { LifecycleDefinition, StageDefinition } from '../../../../src/lifecycle/stages.ts';
import type { Role as ServerRole } from '../../../../src/platform/context.ts';
import type { WebhookEvent as ServerWebhookEvent } from '../../../../src/platform/webhooks/emit-event.ts';
import type { Tiers } from '../../../../src/routing/segments.ts';
import type { Grade, ScoringRules } from '../../../../src/scoring/rules.ts';

export type { Grade, LifecycleDefinition, ScoringRules, StageDefinition, Tiers };
export type Role = ServerRole;
export type FitRule = ScoringRules['fit'][number];
export type EngagementRule = ScoringRules['engagement'][number];

// The same lists as the API's (the `satisfies` clauses fail the build if they drift apart).
export const LIFECYCLES = [
  'lead',
  'opportunity',
  'customer',
] as const satisfies readonly LifecycleDefinition['lifecycle'][];
export type Lifecycle = (typeof LIFECYCLES)[number];
export const STAGE_TYPES = ['inventory', 'gate', 'sla'] as const satisfies readonly StageDefinition['type'][];
export const ROLES = [
  'marketing',
  'mdr',
  'sdr',
  'ae',
  'onb',
  'csm',
  'am',
  'adr',
  'manager',
  'admin',
] as const satisfies readonly Role[];
export const GRADES = ['A', 'B', 'C', 'D'] as const satisfies readonly Grade[];
export const FIT_FIELDS = [
  'person.title',
  'person.department',
  'person.source',
  'account.industry',
  'account.employeeCount',
  'account.region',
  'account.tier',
] as const satisfies readonly FitRule['field'][];
export const FIT_OPS = ['eq', 'in', 'contains', 'gte', 'lt'] as const satisfies readonly FitRule['op'][];
export const IMPORT_FORMATS = [
  'hubspot-contacts',
  'salesforce-leads',
  'people',
] as const satisfies readonly ServerImportFormat[];
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const WEBHOOK_EVENTS = [
  'stage.changed',
  'handoff.opened',
  'handoff.accepted',
  'handoff.rejected',
  'sla.breached',
] as const satisfies readonly ServerWebhookEvent[];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface StagesReply {
  lifecycle: Lifecycle;
  version: number;
  definition: LifecycleDefinition;
}

export interface ScoringReply {
  version: number;
  createdAt: string;
  rules: ScoringRules;
}

export interface ScoringPreview {
  baseVersion: number;
  asOf: string;
  people: number;
  gradesBefore: Record<Grade, number>;
  gradesAfter: Record<Grade, number>;
  gradeChanges: number;
  gradeMoves: { from: Grade; to: Grade; people: number }[];
  meetingBefore: number;
  meetingAfter: number;
  newlyCrossing: number;
  stopCrossing: number;
  wouldPromote: number;
}

export interface RecomputeJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  ruleVersion: number | null;
  done: number;
  total: number;
  mqls: number;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface OrgModel {
  version: number;
  orgModel: 'islands' | 'assembly_line' | 'pods';
  salesFloor: { tiers: Tiers } & Record<string, unknown>;
}

export interface SegmentCondition {
  field: 'employeeCount' | 'tier' | 'industry' | 'region';
  op: 'eq' | 'neq' | 'in' | 'gt' | 'gte' | 'lt' | 'lte';
  value: string | number | (string | number)[];
}
export type SegmentRule = SegmentCondition | { all: SegmentRule[] } | { any: SegmentRule[] };

export interface Team {
  id: string;
  version: number;
  name: string;
  kind: 'function' | 'pod' | 'marketing';
  function: Role | null;
  segmentRule: SegmentRule | null;
  createdAt: string;
  updatedAt: string;
}

export interface TeamMember {
  userId: string;
  displayName: string;
  role: Role;
  capacity: number | null;
  isLead: boolean;
}

export interface WriteKey {
  id: string;
  name: string;
  keyHint: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface TrackingForm {
  id: string;
  version: number;
  formKey: string;
  name: string;
  kind: string;
  handRaise: boolean;
  campaignId: string | null;
  memberStatus: string;
  createdAt: string;
  updatedAt: string;
}

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface ImportLineError {
  line: number;
  column: string;
  message: string;
}

export interface ImportRun {
  id: string;
  format: ImportFormat;
  dryRun: boolean;
  skipInvalid: boolean;
  status: 'running' | 'done' | 'failed';
  phase: 'importing' | null;
  bytesDone: number;
  totalBytes: number;
  startedAt: string;
  finishedAt: string | null;
  report: {
    rows: number;
    valid: number;
    invalid: number;
    duplicatesInFile: number;
    committed: boolean;
    created: number;
    updated: number;
    historyRows: number;
    campaignsCreated: number;
    memberships: number;
    errors: ImportLineError[];
  } | null;
  error: { code: string; message: string; details: { path: string; message: string }[] } | null;
}
