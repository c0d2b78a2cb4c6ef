CREATE TABLE "return_sheets" (
	"return_id" uuid NOT NULL,
	"sheet" text NOT NULL,
	"data" json NOT NULL,
	CONSTRAINT "return_sheets_return_id_sheet_pk" PRIMARY KEY("return_id","sheet")
);
--> statement-breakpoint
ALTER TABLE "return_sheets" ADD CONSTRAINT "return_sheets_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Each accepted return's rows, one JSON array per sheet in spreadsheet order (0007 drops the row tables).
INSERT INTO "return_sheets" ("return_id", "sheet", "data")
SELECT r."id", s."sheet", coalesce(CASE s."sheet"
    WHEN 'lines' THEN (SELECT json_agg(x."data" ORDER BY x."row") FROM "return_lines" x WHERE x."return_id" = r."id")
    WHEN 'nominals' THEN (SELECT json_agg(x."data" ORDER BY x."row") FROM "return_nominals" x WHERE x."return_id" = r."id")
    WHEN 'addresses' THEN (SELECT json_agg(x."data" ORDER BY x."row") FROM "return_addresses" x WHERE x."return_id" = r."id")
    WHEN 'associations' THEN (SELECT json_agg(x."data" ORDER BY x."row") FROM "return_associations" x WHERE x."return_id" = r."id")
  END, '[]'::json)
FROM "returns" r CROSS JOIN (VALUES ('lines'), ('nominals'), ('addresses'), ('associations')) AS s("sheet")
WHERE r."status" = 'ACCEPTED';
