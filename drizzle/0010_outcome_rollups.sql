CREATE TABLE "analytics_deal_rollup" (
	"workspace_id" uuid NOT NULL,
	"type" text NOT NULL,
	"day" date NOT NULL,
	"outcome" text NOT NULL,
	"n" bigint NOT NULL,
	"mrr" bigint NOT NULL,
	CONSTRAINT "analytics_deal_rollup_pk" PRIMARY KEY("workspace_id","type","day","outcome")
);
--> statement-breakpoint
CREATE TABLE "analytics_handoff_rollup" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"measure" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "analytics_handoff_rollup_pk" PRIMARY KEY("workspace_id","day","kind","measure")
);
--> statement-breakpoint
DROP INDEX "opportunities_open_idx";--> statement-breakpoint
ALTER TABLE "analytics_deal_rollup" ADD CONSTRAINT "analytics_deal_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_handoff_rollup" ADD CONSTRAINT "analytics_handoff_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opportunities_won_idx" ON "opportunities" USING btree ("workspace_id","type","closed_at","created_at") WHERE "opportunities"."phase" = 'won';--> statement-breakpoint
CREATE INDEX "opportunities_open_idx" ON "opportunities" USING btree ("workspace_id","amount_mrr","type","close_date","updated_at") WHERE "opportunities"."phase" not in ('won', 'lost');--> statement-breakpoint
-- Existing deals and hand-offs, counted as rebuildOutcomeRollups (src/analytics/rebuild-store.ts) counts them.
INSERT INTO "analytics_deal_rollup" ("workspace_id", "type", "day", "outcome", "n", "mrr")
SELECT o."workspace_id", o."type", (o."closed_at" AT TIME ZONE w."time_zone")::date, o."phase", count(*), coalesce(sum(o."amount_mrr"), 0)
FROM "opportunities" o JOIN "workspaces" w ON w."id" = o."workspace_id"
WHERE o."phase" IN ('won', 'lost') AND o."closed_at" IS NOT NULL
GROUP BY 1, 2, 3, 4;--> statement-breakpoint
INSERT INTO "analytics_handoff_rollup" ("workspace_id", "day", "kind", "measure", "n")
SELECT h."workspace_id", c."day", h."kind", c."measure", count(*)
FROM "handoffs" h JOIN "workspaces" w ON w."id" = h."workspace_id"
CROSS JOIN LATERAL (VALUES
  ((h."due_at" AT TIME ZONE w."time_zone")::date, 'due', true),
  ((h."due_at" AT TIME ZONE w."time_zone")::date, 'on_time', h."responded_at" IS NOT NULL AND h."responded_at" <= h."due_at"),
  ((h."responded_at" AT TIME ZONE w."time_zone")::date, h."status", h."status" IN ('accepted', 'rejected') AND h."responded_at" IS NOT NULL)
) AS c("day", "measure", "counted")
WHERE c."counted"
GROUP BY 1, 2, 3, 4;
