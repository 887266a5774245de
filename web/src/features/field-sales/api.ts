import type { QueryClient } from '@tanstack/react-query';
import type { CardSort } from '../../../../src/pipeline/board.ts';
import type {
  FORECAST_CATEGORIES as ServerCategories,
  OPEN_PHASES as ServerOpenPhases,
  OPPORTUNITY_TYPES as ServerTypes,
} from '../../../../src/pipeline/pipeline-settings.ts';
import { api } from '../../app/api.ts';

export type OpenPhase = (typeof ServerOpenPhases)[number];
export type Phase = OpenPhase | 'won' | 'lost';
export type OpportunityType = (typeof ServerTypes)[number];
export type ForecastCategory = (typeof ServerCategories)[number];

// The same lists as the API's (the types above fail the build if they drift apart).
export const OPEN_PHASES = [
  'qualification',
  'problem_recognition',
  'evaluation',
  'negotiation',
  'approval',
] as const satisfies readonly OpenPhase[];
export const OPPORTUNITY_TYPES = [
  'new',
  'expansion',
  'cross_sell',
  'renewal',
] as const satisfies readonly OpportunityType[];
export const FORECAST_CATEGORIES = [
  'pipeline',
  'best_case',
  'commit',
  'closed',
  'omitted',
] as const satisfies readonly ForecastCategory[];

export const isOpenPhase = (phase: string): phase is OpenPhase =>
  (OPEN_PHASES as readonly string[]).includes(phase);

/** The phases after `phase` an opportunity may move to (forward only). */
export function laterPhases(phase: string): OpenPhase[] {
  const i = OPEN_PHASES.indexOf(phase as OpenPhase);
  return i < 0 ? [] : OPEN_PHASES.slice(i + 1);
}

export type ExitCriteriaState = Record<string, { done: boolean; at: string; by: string | null }>;

/** A deal as the API returns it; money in the currency's minor unit. */
export interface Opportunity {
  id: string;
  version: number;
  accountId: string;
  primaryPersonId: string | null;
  name: string;
  type: OpportunityType;
  phase: Phase;
  phaseEnteredAt: string;
  amountMrr: number;
  amountOneTime: number;
  closeDate: string | null;
  probability: number | null;
  forecastCategory: ForecastCategory | null;
  nextStep: string | null;
  competitors: string[];
  exitCriteria: ExitCriteriaState;
  lossReason: string | null;
  ownerUserId: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An opportunity with the names the board shows. */
export interface Card extends Opportunity {
  accountName: string;
  ownerName: string | null;
  primaryPersonName: string | null;
}

export interface BoardColumnTotals {
  phase: Phase;
  count: number;
  amountMrr: number;
  weighted: number;
}

export interface BoardFilters {
  ownerUserId?: string | undefined;
  teamId?: string | undefined;
  type?: string | undefined;
  q?: string | undefined;
}

export interface PipelineSettings {
  exitCriteria: Record<OpenPhase, { key: string; label: string }[]>;
  phaseNormDays: Record<OpenPhase, number>;
  staleAfterDays: number;
  lossReasons: string[];
}

export interface PhaseChange {
  version: number;
  to: Phase;
  check?: string[];
  overrideReason?: string;
  lossReason?: string;
  competitor?: string;
}

export interface OpportunityUpdate {
  version: number;
  name?: string;
  amountMrr?: number;
  amountOneTime?: number;
  closeDate?: string;
  probability?: number;
  forecastCategory?: ForecastCategory;
  nextStep?: string | null;
  competitors?: string[];
  exitCriteria?: Record<string, boolean>;
}

export interface StageHistoryRow {
  id: string;
  fromStage: string | null;
  toStage: string;
  at: string;
  actorUserId: string | null;
  reason: string | null;
  skipped: boolean;
}

export const pipelineKeys = {
  board: ['/pipeline/board'] as const,
  cards: ['/pipeline/cards'] as const,
  card: (id: string) => ['/pipeline/cards', 'one', id] as const,
  settings: ['/pipeline/settings'] as const,
  history: (id: string) => ['/opportunities', id, 'stage-history'] as const,
};

const filterQuery = (f: BoardFilters) => ({
  ownerUserId: f.ownerUserId,
  teamId: f.teamId,
  type: f.type,
  q: f.q,
});

export const fetchBoard = (filters: BoardFilters) =>
  api<{ columns: BoardColumnTotals[] }>('/pipeline/board', { query: filterQuery(filters) });

/** Card orders the API knows: soonest close date, largest MRR, longest in its phase. */
export const CARD_SORTS = [
  'closeDate',
  '-amountMrr',
  'phaseEnteredAt',
] as const satisfies readonly CardSort[];

export const fetchCards = (filters: BoardFilters, phase: Phase, sort: string, cursor?: string) =>
  api<{ items: Card[]; nextCursor: string | null }>('/pipeline/cards', {
    query: { ...filterQuery(filters), phase, sort, cursor, limit: 20 },
  });

export const fetchCard = (id: string) => api<Card>(`/pipeline/cards/${id}`);

export const fetchSettings = () => api<{ version: number; settings: PipelineSettings }>('/pipeline/settings');

export const fetchStageHistory = (id: string) =>
  api<{ items: StageHistoryRow[] }>(`/opportunities/${id}/stage-history`);

export const changePhase = (id: string, body: PhaseChange) =>
  api<Opportunity>(`/opportunities/${id}/phase`, { method: 'POST', body });

export const updateOpportunity = (id: string, body: OpportunityUpdate) =>
  api<Opportunity>(`/opportunities/${id}`, { method: 'PATCH', body });

/** After a deal changes: every board, card, opportunity, hygiene and forecast answer is stale. */
export function invalidatePipeline(client: QueryClient): Promise<void> {
  return client.invalidateQueries({
    predicate: (q) => {
      const head = q.queryKey[0];
      return (
        typeof head === 'string' &&
        (head.startsWith('/pipeline') || head.startsWith('/opportunities') || head === '/forecast')
      );
    },
  });
}

/** The exit-criteria items an API refusal names (`exitCriteria.<key>`, message `<phase>: <label>`). */
export function openItemsOf(details: { path: string; message: string }[]) {
  return details
    .filter((d) => d.path.startsWith('exitCriteria.'))
    .map((d) => {
      const at = d.message.indexOf(': ');
      return {
        key: d.path.slice('exitCriteria.'.length),
        phase: at < 0 ? '' : d.message.slice(0, at),
        label: at < 0 ? d.message : d.message.slice(at + 2),
      };
    });
}
