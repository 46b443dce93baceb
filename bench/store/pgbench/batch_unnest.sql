-- Relay shape "batch", method unnest: one INSERT with four array parameters of 50 elements.
-- Run with -M prepared and -D tenants='{…}' -D recipients='{…}' -D subjects='{…}' -D bodies='{…}'
-- (run.sh builds them: the same 50 rows as relay-bench-store sends, as text-format arrays).
INSERT INTO emails (tenant, recipient, subject, body)
  SELECT * FROM unnest(:tenants::int4[], :recipients::text[], :subjects::text[], :bodies::text[]);
