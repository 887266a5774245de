CREATE TABLE "quotas" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period" text NOT NULL,
	"owner_user_id" uuid,
	"team_id" uuid,
	"amount_mrr" bigint NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotas_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "cadence_enrolments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"cadence_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"user_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"current_step" integer DEFAULT 0 NOT NULL,
	"stage_at_enrolment" text NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"exit_reason" text,
	CONSTRAINT "cadence_enrolments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "cadences" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cadences_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "routing_credits" (
	"workspace_id" uuid NOT NULL,
	"pool" text NOT NULL,
	"user_id" uuid NOT NULL,
	"credit" bigint DEFAULT 0 NOT NULL,
	"assigned" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_credits_workspace_id_pool_user_id_pk" PRIMARY KEY("workspace_id","pool","user_id")
);
--> statement-breakpoint
ALTER TABLE "quotas" ADD CONSTRAINT "quotas_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadence_enrolments" ADD CONSTRAINT "cadence_enrolments_workspace_id_cadence_id_cadences_workspace_id_id_fk" FOREIGN KEY ("workspace_id","cadence_id") REFERENCES "public"."cadences"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadences" ADD CONSTRAINT "cadences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_credits" ADD CONSTRAINT "routing_credits_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quotas_owner_period_uq" ON "quotas" USING btree ("workspace_id","period","owner_user_id") WHERE "quotas"."owner_user_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "quotas_team_period_uq" ON "quotas" USING btree ("workspace_id","period","team_id") WHERE "quotas"."team_id" is not null;--> statement-breakpoint
CREATE INDEX "cadence_enrolments_person_idx" ON "cadence_enrolments" USING btree ("workspace_id","person_id","status");