import type { JobHandler, Schedule, SelfCommittingHandler } from '../platform/jobs/job-runner.ts';
import { deliverWebhookHandler } from '../platform/webhooks/deliver-webhook.ts';
import { DELIVER_WEBHOOK_JOB } from '../platform/webhooks/emit-event.ts';
import { RECOMPUTE_JOB, recomputeJobHandler } from '../scoring/recompute-job.ts';
import { SLA_CHECK_JOB, slaCheckHandler } from './check-sla.ts';
import { RECYCLE_WAKE_JOB, recycleWakeHandler } from './wake-recycles.ts';

/** Background work: SLA checks each minute, recycle wake-ups each 15 minutes, webhooks, score recomputes. */
export function lifecycleJobs(options: { allowPrivateWebhookTargets?: boolean } = {}): {
  handlers: Record<string, JobHandler | SelfCommittingHandler>;
  schedules: Schedule[];
} {
  return {
    handlers: {
      [SLA_CHECK_JOB]: slaCheckHandler,
      [RECYCLE_WAKE_JOB]: recycleWakeHandler,
      // Scoring's full recompute after a rule change, one slice of people per claim.
      [RECOMPUTE_JOB]: recomputeJobHandler,
      [DELIVER_WEBHOOK_JOB]: deliverWebhookHandler({
        allowPrivateTargets: options.allowPrivateWebhookTargets,
      }),
    },
    schedules: [
      { kind: SLA_CHECK_JOB, everyMs: 60_000 },
      { kind: RECYCLE_WAKE_JOB, everyMs: 15 * 60_000 },
    ],
  };
}
