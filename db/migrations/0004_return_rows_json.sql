ALTER TABLE "return_addresses" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "return_associations" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "return_lines" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "return_nominals" ALTER COLUMN "data" SET DATA TYPE json;