CREATE TABLE "tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"label" text,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tokens_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"force" text,
	"region" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "return_addresses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"ref" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_associations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"ref" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"ref" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "return_nominals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"return_id" uuid NOT NULL,
	"row" integer NOT NULL,
	"ref" text,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"force" text NOT NULL,
	"month" text,
	"status" text NOT NULL,
	"version" integer,
	"guidance_version" integer,
	"nil_return" boolean,
	"meta" jsonb,
	"filename" text NOT NULL,
	"sha256" text NOT NULL,
	"counts" jsonb NOT NULL,
	"problems" jsonb NOT NULL,
	"original" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrichments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"kind" text NOT NULL,
	"person_id" text,
	"line_id" text,
	"target_person_id" text,
	"relationship" text,
	"text" text,
	"ocg_urn" text,
	"author" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"kind" text NOT NULL,
	"record_key" text NOT NULL,
	"entity_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identities_kind_record_key_pk" PRIMARY KEY("kind","record_key")
);
--> statement-breakpoint
CREATE TABLE "merge_alerts" (
	"merge_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "merge_alerts_merge_id_item_id_pk" PRIMARY KEY("merge_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "merge_lines" (
	"merge_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "merge_lines_merge_id_item_id_pk" PRIMARY KEY("merge_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "merge_people" (
	"merge_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "merge_people_merge_id_item_id_pk" PRIMARY KEY("merge_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "merge_review" (
	"merge_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "merge_review_merge_id_item_id_pk" PRIMARY KEY("merge_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "merges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"month" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"summary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"kind" text NOT NULL,
	"a_key" text NOT NULL,
	"b_key" text NOT NULL,
	"decision" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"user_name" text,
	"role" text,
	"ip" text,
	"request_id" text,
	"method" text NOT NULL,
	"route" text NOT NULL,
	"action" text NOT NULL,
	"target_kind" text,
	"target_id" text,
	"status" integer NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_addresses" ADD CONSTRAINT "return_addresses_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_associations" ADD CONSTRAINT "return_associations_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_lines" ADD CONSTRAINT "return_lines_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_nominals" ADD CONSTRAINT "return_nominals_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_alerts" ADD CONSTRAINT "merge_alerts_merge_id_merges_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."merges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_lines" ADD CONSTRAINT "merge_lines_merge_id_merges_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."merges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_people" ADD CONSTRAINT "merge_people_merge_id_merges_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."merges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_review" ADD CONSTRAINT "merge_review_merge_id_merges_id_fk" FOREIGN KEY ("merge_id") REFERENCES "public"."merges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tokens_user_idx" ON "tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "return_addresses_return_idx" ON "return_addresses" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "return_associations_return_idx" ON "return_associations" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "return_lines_return_idx" ON "return_lines" USING btree ("return_id");--> statement-breakpoint
CREATE INDEX "return_nominals_return_idx" ON "return_nominals" USING btree ("return_id");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_version_uq" ON "returns" USING btree ("force","month","version") WHERE "returns"."version" is not null;--> statement-breakpoint
CREATE INDEX "returns_month_idx" ON "returns" USING btree ("month","force");--> statement-breakpoint
CREATE INDEX "enrichments_scope_idx" ON "enrichments" USING btree ("scope");--> statement-breakpoint
CREATE INDEX "merges_scope_idx" ON "merges" USING btree ("scope","month");--> statement-breakpoint
CREATE INDEX "review_decisions_pair_idx" ON "review_decisions" USING btree ("a_key","b_key");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_user_idx" ON "audit_log" USING btree ("user_id");