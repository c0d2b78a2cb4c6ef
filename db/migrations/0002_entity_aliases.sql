CREATE TABLE "entity_aliases" (
	"kind" text NOT NULL,
	"retired_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_aliases_kind_retired_id_pk" PRIMARY KEY("kind","retired_id")
);
