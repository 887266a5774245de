-- person_scores.engagement changes with every scored event; indexing it turned every score update into a non-HOT update (scoring/schema.ts).
DROP INDEX "person_scores_engagement_idx";