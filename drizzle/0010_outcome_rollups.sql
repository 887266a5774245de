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
CREATE INDEX "opportunities_open_idx" ON "opportunities" USING btree ("workspace_id","amount_mrr","type","close_date","updated_at") WHERE "opportunities"."phase" not in ('won', 'lost');