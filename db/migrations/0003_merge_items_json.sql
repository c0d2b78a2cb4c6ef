ALTER TABLE "merge_alerts" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "merge_lines" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "merge_people" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "merge_review" ALTER COLUMN "data" SET DATA TYPE json;