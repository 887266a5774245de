CREATE TABLE "customer_accounts" (
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"onb_user_id" uuid,
	"csm_user_id" uuid,
	"am_user_id" uuid,
	"onboarding_plan" text,
	"onboarding_started_at" timestamp with time zone,
	"first_value_at" timestamp with time zone,
	"onboarding_completed_at" timestamp with time zone,
	"health_score" smallint,
	"health_band" text,
	"health_trend" smallint,
	"health_explanation" jsonb,
	"health_computed_at" timestamp with time zone,
	"red_since" timestamp with time zone,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_accounts_workspace_id_account_id_pk" PRIMARY KEY("workspace_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "customer_signals" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"person_id" uuid,
	"kind" text NOT NULL,
	"external_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"value" smallint,
	"status" text,
	"closed_at" timestamp with time zone,
	"subject" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_signals_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "expansion_signals" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"evidence" jsonb NOT NULL,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	"opportunity_id" uuid,
	"dismiss_reason" text,
	"version" bigint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "expansion_signals_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "health_snapshots" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"score" smallint NOT NULL,
	"band" text NOT NULL,
	"factors" jsonb NOT NULL,
	"config_version" integer NOT NULL,
	CONSTRAINT "health_snapshots_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "subscription_changes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "subscription_changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subscription_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"effective_on" date NOT NULL,
	"plan" text NOT NULL,
	"mrr_before" bigint NOT NULL,
	"mrr_after" bigint NOT NULL,
	"reason" text,
	"actor_user_id" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscription_changes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "success_configs" (
	"workspace_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "success_configs_workspace_id_version_pk" PRIMARY KEY("workspace_id","version")
);
--> statement-breakpoint
ALTER TABLE "customer_accounts" ADD CONSTRAINT "customer_accounts_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_signals" ADD CONSTRAINT "customer_signals_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expansion_signals" ADD CONSTRAINT "expansion_signals_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_snapshots" ADD CONSTRAINT "health_snapshots_workspace_id_account_id_accounts_workspace_id_id_fk" FOREIGN KEY ("workspace_id","account_id") REFERENCES "public"."accounts"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_changes" ADD CONSTRAINT "subscription_changes_workspace_id_subscription_id_subscriptions_workspace_id_id_fk" FOREIGN KEY ("workspace_id","subscription_id") REFERENCES "public"."subscriptions"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_configs" ADD CONSTRAINT "success_configs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_accounts_csm_idx" ON "customer_accounts" USING btree ("workspace_id","csm_user_id");--> statement-breakpoint
CREATE INDEX "customer_signals_account_idx" ON "customer_signals" USING btree ("workspace_id","account_id","kind","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_signals_external_uq" ON "customer_signals" USING btree ("workspace_id","kind","external_id");--> statement-breakpoint
CREATE INDEX "expansion_signals_account_idx" ON "expansion_signals" USING btree ("workspace_id","account_id","status");--> statement-breakpoint
CREATE INDEX "health_snapshots_account_idx" ON "health_snapshots" USING btree ("workspace_id","account_id","computed_at");--> statement-breakpoint
CREATE INDEX "subscription_changes_effective_idx" ON "subscription_changes" USING btree ("workspace_id","effective_on","seq");--> statement-breakpoint
CREATE INDEX "subscription_changes_subscription_idx" ON "subscription_changes" USING btree ("workspace_id","subscription_id","seq");