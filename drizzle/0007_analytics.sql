CREATE TABLE "analytics_cohort_rollup" (
	"workspace_id" uuid NOT NULL,
	"lifecycle" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"span" text NOT NULL,
	"day" date NOT NULL,
	"stage" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "analytics_cohort_rollup_pk" PRIMARY KEY("workspace_id","lifecycle","dimension","value","span","day","stage")
);
--> statement-breakpoint
CREATE TABLE "analytics_progress" (
	"workspace_id" uuid NOT NULL,
	"lifecycle" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"cohort_day" date NOT NULL,
	"max_order" integer NOT NULL,
	"stage" text,
	"stage_at" timestamp with time zone,
	"stage_skipped" boolean DEFAULT false NOT NULL,
	"segment" text DEFAULT '' NOT NULL,
	"pod" text DEFAULT '' NOT NULL,
	"campaign" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"owner" text DEFAULT '' NOT NULL,
	CONSTRAINT "analytics_progress_workspace_id_lifecycle_entity_id_pk" PRIMARY KEY("workspace_id","lifecycle","entity_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_stage_rollup" (
	"workspace_id" uuid NOT NULL,
	"lifecycle" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"span" text NOT NULL,
	"day" date NOT NULL,
	"stage" text NOT NULL,
	"kind" text NOT NULL,
	"detail" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "analytics_stage_rollup_pk" PRIMARY KEY("workspace_id","lifecycle","dimension","value","span","day","stage","kind","detail")
);
--> statement-breakpoint
ALTER TABLE "analytics_cohort_rollup" ADD CONSTRAINT "analytics_cohort_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_progress" ADD CONSTRAINT "analytics_progress_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_stage_rollup" ADD CONSTRAINT "analytics_stage_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_progress_stage_idx" ON "analytics_progress" USING btree ("workspace_id","lifecycle","stage","stage_at");