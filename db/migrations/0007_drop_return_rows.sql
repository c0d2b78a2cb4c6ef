DROP TABLE "return_addresses" CASCADE;--> statement-breakpoint
DROP TABLE "return_associations" CASCADE;--> statement-breakpoint
DROP TABLE "return_lines" CASCADE;--> statement-breakpoint
DROP TABLE "return_nominals" CASCADE;