import type { CADENCE_CHANNELS as ServerChannels } from '../../../../src/routing/cadences.ts';
import type {
  ACTIVITY_OUTCOMES as ServerOutcomes,
  QueueReason as ServerReason,
  ACTIVITY_TYPES as ServerTypes,
} from '../../../../src/routing/workbench.ts';

export type ActivityType = (typeof ServerTypes)[number];
export type ActivityOutcome = (typeof ServerOutcomes)[number];
export type QueueReason = ServerReason;
export type CadenceChannel = (typeof ServerChannels)[number];

// The same lists as the API's (the types above fail the build if they drift apart).
export const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note'] as const satisfies readonly ActivityType[];
export const CADENCE_CHANNELS = [
  'call',
  'email',
  'social',
  'letter',
  'other',
] as const satisfies readonly CadenceChannel[];
export const QUEUE_REASONS = [
  'handoff',
  'working',
  'recycled_due',
  'follow_up',
  'cadence_task',
] as const satisfies readonly QueueReason[];

/**
 * The outcomes a rep picks from per touch type, most frequent first. `not_ready` is not an
 * API outcome: it logs a connected touch and opens the nurture follow-up.
 */
export const OUTCOMES_BY_TYPE: Record<Exclude<ActivityType, 'note'>, (ActivityOutcome | 'not_ready')[]> = {
  call: [
    'no_answer',
    'connected',
    'appointment_set',
    'voicemail',
    'callback_requested',
    'not_ready',
    'not_interested',
    'wrong_contact',
  ],
  email: ['sent', 'replied', 'appointment_set', 'bounced', 'not_ready', 'not_interested'],
  meeting: ['held', 'appointment_set', 'no_show', 'not_ready', 'not_interested'],
};

export interface LastActivity {
  type: ActivityType;
  outcome: ActivityOutcome | null;
  occurredAt: string;
}

export interface QueueItem {
  personId: string;
  reason: QueueReason;
  stage: string;
  slaDueAt: string | null;
  overdue: boolean;
  score: number | null;
  since: string;
  name: string | null;
  email: string | null;
  accountId: string | null;
  accountName: string | null;
  grade: string | null;
  activityCount: number;
  lastActivity: LastActivity | null;
}

export interface Queue {
  userId: string;
  total: number;
  items: QueueItem[];
}

export interface SlotUsage {
  userId: string;
  weekStart: string;
  weekEnd: string;
  slotMinutes: number;
  used: number;
  capacity: number;
  free: number;
  utilisation: number | null;
}

export interface Task {
  id: string;
  version: number;
  kind: string;
  title: string;
  status: string;
  dueAt: string | null;
  personId: string | null;
  accountId: string | null;
  details: { step?: number; channel?: CadenceChannel; instructions?: string; dayOffset?: number };
  personName: string | null;
  personEmail: string | null;
}

export interface ChecklistItem {
  key: string;
  label: string;
}

export interface OrgModel {
  version: number;
  orgModel: string;
  salesFloor: { opportunityDefinition: ChecklistItem[] };
}

export interface Handoff {
  id: string;
  kind: string;
  status: 'open' | 'accepted' | 'rejected';
  stage: string | null;
  personId: string | null;
  accountId: string | null;
  fromRole: string;
  fromUserId: string | null;
  toRole: string;
  toUserId: string | null;
  context: HandoffContext | null;
  openedAt: string;
  dueAt: string;
  respondedAt: string | null;
  rejectReason: string | null;
  rejectOutcome: string | null;
  staleAt: string | null;
  personName: string | null;
  personEmail: string | null;
  accountName: string | null;
}

export interface HandoffContext {
  behaviour?: unknown[];
  score?: { grade?: string; engagement?: number; fitPoints?: number; reason?: string };
  notes?: string;
  bant?: { budget?: string; authority?: string; need?: string; timeline?: string };
}

export interface Contribution {
  ruleId: string;
  label: string;
  points: number;
}

export interface ScoreExplanation {
  engagement: number;
  grade: string;
  fitPoints: number;
  halfLifeDays: number;
  mql: 'hand_raise' | 'score' | null;
  fit: Contribution[];
  topRules: (Contribution & { events: number })[];
  topEvents: { eventId: string; type: string; occurredAt: string; ruleId: string; points: number }[];
}

export interface StageChange {
  id: string;
  fromStage: string | null;
  toStage: string;
  at: string;
  reason: string | null;
}

export interface CadenceStep {
  dayOffset: number;
  channel: CadenceChannel;
  instructions: string;
}

export interface Cadence {
  id: string;
  version: number;
  name: string;
  status: 'active' | 'archived';
  steps: CadenceStep[];
  createdAt: string;
  updatedAt: string;
}

export interface UserRow {
  id: string;
  displayName: string;
  email: string;
  status: string;
  roles: { role: string; teamId: string | null; capacity: number | null }[];
}

/** Query keys every screen of the area shares, so one mutation refreshes all of them. */
export const KEYS = {
  queue: ['/workbench/queue'] as const,
  slots: ['/workbench/slots'] as const,
  tasks: ['/workbench/tasks'] as const,
  handoffs: ['/handoffs'] as const,
  cadences: ['/cadences'] as const,
};

export const IS_ROLES = ['mdr', 'sdr'] as const;
