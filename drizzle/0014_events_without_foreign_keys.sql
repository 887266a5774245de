-- Events are appended without foreign-key checks (capture/schema.ts says why).
ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_person_id_people_workspace_id_id_fk";
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_account_id_accounts_workspace_id_id_fk";
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_workspace_id_campaign_id_campaigns_workspace_id_id_fk";
