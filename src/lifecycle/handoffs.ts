import type { Role } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { addBusinessHours, type BusinessCalendar } from './business-hours.ts';
import type { HandoffKind, HandoffRule, LifecycleDefinition, StageDefinition } from './stages.ts';

export const HANDOFF_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
/** Where a rejected lead goes (DOMAIN.md 3.1: an IS or AE rejection sends the lead back). */
export const REJECT_OUTCOMES = ['recycled', 'disqualified'] as const;
export type RejectOutcome = (typeof REJECT_OUTCOMES)[number];

/** Hand-off kinds whose receiver works a person: accepting or rejecting moves that person. */
export const PERSON_KINDS: readonly HandoffKind[] = ['mql', 'sql', 'recycle'];

/** What opening a hand-off decides: who receives it and when it is due. */
export interface HandoffOpening {
  kind: HandoffKind;
  stage: string | null;
  fromRole: Role;
  toRole: Role;
  openedAt: Date;
  dueAt: Date;
}

/** The receiving role for a rule and a person's source (inbound → mdr, outbound → sdr). */
export function receivingRole(rule: HandoffRule, source: string | null | undefined): Role {
  return (source ? rule.toRoleBySource[source] : undefined) ?? rule.toRole;
}

/** The hand-off entering `stage` opens under its definition, or null if the stage opens none. */
export function decideHandoffOnEntry(
  def: LifecycleDefinition,
  stage: string,
  source: string | null | undefined,
  at: Date,
  cal: BusinessCalendar,
): HandoffOpening | null {
  const rule = def.stages.find((s) => s.key === stage)?.handoff;
  if (!rule) return null;
  return openingFor(rule, stage, source, at, cal);
}

export function openingFor(
  rule: HandoffRule,
  stage: string | null,
  source: string | null | undefined,
  at: Date,
  cal: BusinessCalendar,
): HandoffOpening {
  return {
    kind: rule.kind,
    stage,
    fromRole: rule.fromRole,
    toRole: receivingRole(rule, source),
    openedAt: at,
    dueAt: addBusinessHours(at, rule.slaBusinessHours, cal),
  };
}

/** A receiver's answer to a hand-off. */
export type HandoffResponse =
  | { decision: 'accept'; note?: string | null | undefined }
  | {
      decision: 'reject';
      reason: string | null | undefined;
      outcome?: RejectOutcome | undefined;
      reapproachOn?: Date | null | undefined;
    };

/**
 * Checks an answer against the contract: only an open hand-off can be answered; a
 * rejection needs a reason, and for a lead also where it goes (recycled with a future
 * re-approach date, or disqualified). Returns the lead's move, if any.
 */
export function decideResponse(
  handoff: { id: string; kind: string; status: string; personId: string | null },
  response: HandoffResponse,
): { status: 'accepted' | 'rejected'; move: RejectOutcome | 'sal' | null } {
  if (handoff.status !== 'open') {
    throw new DomainError('conflict', `Hand-off ${handoff.id} is already ${handoff.status}.`, [
      { path: 'status', message: 'only an open hand-off can be accepted or rejected' },
    ]);
  }
  const forPerson = PERSON_KINDS.includes(handoff.kind as HandoffKind) && handoff.personId !== null;
  if (response.decision === 'accept') {
    return { status: 'accepted', move: forPerson && handoff.kind !== 'sql' ? 'sal' : null };
  }
  if (!response.reason?.trim()) {
    throw new DomainError('invalid_input', 'Rejecting a hand-off needs a reason.', [
      { path: 'reason', message: 'say why (e.g. not the decision maker, no budget, duplicate)' },
    ]);
  }
  if (forPerson && handoff.kind !== 'recycle' && !response.outcome) {
    throw new DomainError('invalid_input', 'Say where the rejected lead goes: recycled or disqualified.', [
      { path: 'outcome', message: 'recycled (with reapproachOn) or disqualified' },
    ]);
  }
  return { status: 'rejected', move: forPerson ? (response.outcome ?? null) : null };
}

/** An open hand-off past its due time is stale; the SLA check raises this once. */
export function isStale(h: { status: string; dueAt: Date; staleAt: Date | null }, now: Date): boolean {
  return h.status === 'open' && h.dueAt.getTime() <= now.getTime();
}

/**
 * When a record leaves the stage that opened a hand-off by another route (moved directly
 * instead of through accept/reject), the contract still closes: forward means accepted,
 * an off-ramp means rejected with the move's reason.
 */
export function closureOnLeave(to: StageDefinition): 'accepted' | 'rejected' {
  return to.path === 'success' ? 'accepted' : 'rejected';
}
