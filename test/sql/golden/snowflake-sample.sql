-- leadlift scoring query (Snowflake) for model sample.json
-- model created 2026-12-01T03:32:56.954Z by leadlift 0.1.0, schema version 1, logistic mode, SDR-ready threshold 13
-- It scores each lead exactly as the runtime scorer (leadlift/runtime) does; see README, "Scoring in SQL".
-- Reads "leads": "lead_id", "created_at", "account_id", "email", "title", "country", "company_size" (profile columns as text; created_at, account_id may be NULL or absent)
-- Reads "events": "lead_id", "action", "occurred_at"
-- Scoring moment: set the session variable scoring_at (SET scoring_at = 'ISO 8601 text').
-- Profile placeholders read as empty: "Select", "unknown", "N/A".
-- Returns one row per lead: lead_id, account_id, score, fit, pain, probability, sdr_ready.
WITH
-- Leads as the runtime reads them: profile cells as trimmed text ('' when empty), instants as trimmed text; optional columns the table lacks are NULL.
lead_cells AS (
  SELECT
    leads_read."lead_id" AS lead_id,
    NULLIF(REGEXP_REPLACE(CAST(leads_read."account_id" AS VARCHAR), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', ''), '') AS account_id,
    REGEXP_REPLACE(NULLIF(CAST(leads_read."created_at" AS VARCHAR), ''), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '') AS created_at_text,
    REGEXP_REPLACE(NULLIF(CAST($scoring_at AS VARCHAR), ''), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '') AS at_text,
    CASE WHEN translate(coalesce(REGEXP_REPLACE(CAST(leads_read."email" AS VARCHAR), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', ''), ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CHR(8490), 'abcdefghijklmnopqrstuvwxyzk') IN ('select', 'unknown', 'n/a') THEN '' ELSE coalesce(REGEXP_REPLACE(CAST(leads_read."email" AS VARCHAR), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', ''), '') END AS profile_1_cell, -- "email_domain" (fit) from column "email"
    CASE WHEN translate(coalesce(REGEXP_REPLACE(CAST(leads_read."title" AS VARCHAR), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', ''), ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CHR(8490), 'abcdefghijklmnopqrstuvwxyzk') IN ('select', 'unknown', 'n/a') THEN '' ELSE coalesce(REGEXP_REPLACE(CAST(leads_read."title" AS VARCHAR), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', ''), '') END AS profile_2_cell, -- "seniority" (fit) from column "title"
    CASE WHEN translate(coalesce(REGEXP_REPLACE(CAST(leads_read."country" AS VARCHAR), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', ''), ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CHR(8490), 'abcdefghijklmnopqrstuvwxyzk') IN ('select', 'unknown', 'n/a') THEN '' ELSE coalesce(REGEXP_REPLACE(CAST(leads_read."country" AS VARCHAR), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', ''), '') END AS profile_3_cell, -- "country" (fit) from column "country"
    CASE WHEN translate(coalesce(REGEXP_REPLACE(CAST(leads_read."company_size" AS VARCHAR), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', ''), ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CHR(8490), 'abcdefghijklmnopqrstuvwxyzk') IN ('select', 'unknown', 'n/a') THEN '' ELSE coalesce(REGEXP_REPLACE(CAST(leads_read."company_size" AS VARCHAR), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', ''), '') END AS profile_4_cell -- "company_size_band" (fit) from column "company_size"
  FROM (SELECT * FROM "leads"
    UNION ALL BY NAME (SELECT NULL AS "created_at", NULL AS "account_id" LIMIT 0)) AS leads_read
),
-- ISO 8601 text as the runtime's parser accepts it; other text, or an impossible day, stops the query, as the runtime throws.
lead_instant_texts AS (
  SELECT lead_cells.*,
    CASE WHEN NOT REGEXP_LIKE(created_at_text, '^([0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.([0-9]{1,9}))?)?[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?(:[0-9]{2})?)?)?)$') THEN CAST(CAST('lead.created_at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || created_at_text AS INTEGER) AS VARCHAR)
      WHEN CAST(substr(created_at_text, 6, 2) AS BIGINT) < 1 OR CAST(substr(created_at_text, 6, 2) AS BIGINT) > 12 OR CAST(substr(created_at_text, 9, 2) AS BIGINT) < 1 OR CAST(substr(created_at_text, 9, 2) AS BIGINT) > CASE WHEN CAST(substr(created_at_text, 6, 2) AS BIGINT) = 2 THEN CASE WHEN (MOD(CAST(substr(created_at_text, 1, 4) AS BIGINT), 4) = 0 AND (MOD(CAST(substr(created_at_text, 1, 4) AS BIGINT), 100) <> 0 OR MOD(CAST(substr(created_at_text, 1, 4) AS BIGINT), 400) = 0)) THEN 29 ELSE 28 END WHEN CAST(substr(created_at_text, 6, 2) AS BIGINT) IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN CAST(CAST('lead.created_at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || created_at_text AS INTEGER) AS VARCHAR)
      ELSE created_at_text END AS created_at_checked,
    CASE WHEN NOT REGEXP_LIKE(at_text, '^([0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.([0-9]{1,9}))?)?[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?(:[0-9]{2})?)?)?)$') THEN CAST(CAST('at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || at_text AS INTEGER) AS VARCHAR)
      WHEN CAST(substr(at_text, 6, 2) AS BIGINT) < 1 OR CAST(substr(at_text, 6, 2) AS BIGINT) > 12 OR CAST(substr(at_text, 9, 2) AS BIGINT) < 1 OR CAST(substr(at_text, 9, 2) AS BIGINT) > CASE WHEN CAST(substr(at_text, 6, 2) AS BIGINT) = 2 THEN CASE WHEN (MOD(CAST(substr(at_text, 1, 4) AS BIGINT), 4) = 0 AND (MOD(CAST(substr(at_text, 1, 4) AS BIGINT), 100) <> 0 OR MOD(CAST(substr(at_text, 1, 4) AS BIGINT), 400) = 0)) THEN 29 ELSE 28 END WHEN CAST(substr(at_text, 6, 2) AS BIGINT) IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN CAST(CAST('at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || at_text AS INTEGER) AS VARCHAR)
      ELSE at_text END AS at_checked
  FROM lead_cells
),
-- The zone designator and the digits of the fraction of a second ('' when absent).
lead_instant_parts AS (
  SELECT lead_instant_texts.*,
    REGEXP_REPLACE(created_at_checked, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]*[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]*)?', '') AS created_at_zone,
    REGEXP_REPLACE(created_at_checked, '^[^.]*\\.?|[^0-9][^.]*$', '') AS created_at_fraction,
    REGEXP_REPLACE(at_checked, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]*[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]*)?', '') AS at_zone,
    REGEXP_REPLACE(at_checked, '^[^.]*\\.?|[^0-9][^.]*$', '') AS at_fraction
  FROM lead_instant_texts
),
-- Epoch milliseconds from the digits: days since 1970 of the Gregorian date, the clock, minus the zone offset, plus the fraction rounded as the runtime rounds it (no session time zone takes part).
lead_instants AS (
  SELECT lead_instant_parts.*,
    CAST((floor(CAST((CAST(substr(created_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 146097 + (((CAST(substr(created_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(created_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 400) * 365 + floor(CAST(((CAST(substr(created_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(created_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 400) AS DOUBLE) / 4) - floor(CAST(((CAST(substr(created_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(created_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 400) AS DOUBLE) / 100) + (floor(CAST(153 * MOD(CAST(substr(created_at_checked, 6, 2) AS BIGINT) + 9, 12) + 2 AS DOUBLE) / 5) + CAST(substr(created_at_checked, 9, 2) AS BIGINT) - 1)) - 719468 - 146097) * 86400 + CASE WHEN substr(created_at_checked, 11, 1) <> '' THEN CAST(substr(created_at_checked, 12, 2) AS BIGINT) * 3600 + CAST(substr(created_at_checked, 15, 2) AS BIGINT) * 60 + CASE WHEN substr(created_at_checked, 17, 1) = ':' THEN CAST(substr(created_at_checked, 18, 2) AS BIGINT) ELSE 0 END ELSE 0 END - CASE WHEN created_at_zone LIKE '-%' THEN -1 ELSE 1 END * (coalesce(CAST(NULLIF(substr(replace(created_at_zone, ':', ''), 2, 2), '') AS BIGINT), 0) * 3600 + coalesce(CAST(NULLIF(substr(replace(created_at_zone, ':', ''), 4, 2), '') AS BIGINT), 0) * 60 + coalesce(CAST(NULLIF(substr(replace(created_at_zone, ':', ''), 6, 2), '') AS BIGINT), 0)) AS DOUBLE) * 1000
      + CASE WHEN created_at_fraction = '' THEN 0 ELSE CASE WHEN (CAST('0.' || created_at_fraction AS DOUBLE) * 1000) - floor((CAST('0.' || created_at_fraction AS DOUBLE) * 1000)) >= 0.5 THEN ceil((CAST('0.' || created_at_fraction AS DOUBLE) * 1000)) ELSE floor((CAST('0.' || created_at_fraction AS DOUBLE) * 1000)) END END AS created_at_epoch_ms,
    CAST((floor(CAST((CAST(substr(at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 146097 + (((CAST(substr(at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 400) * 365 + floor(CAST(((CAST(substr(at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 400) AS DOUBLE) / 4) - floor(CAST(((CAST(substr(at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 400) AS DOUBLE) / 100) + (floor(CAST(153 * MOD(CAST(substr(at_checked, 6, 2) AS BIGINT) + 9, 12) + 2 AS DOUBLE) / 5) + CAST(substr(at_checked, 9, 2) AS BIGINT) - 1)) - 719468 - 146097) * 86400 + CASE WHEN substr(at_checked, 11, 1) <> '' THEN CAST(substr(at_checked, 12, 2) AS BIGINT) * 3600 + CAST(substr(at_checked, 15, 2) AS BIGINT) * 60 + CASE WHEN substr(at_checked, 17, 1) = ':' THEN CAST(substr(at_checked, 18, 2) AS BIGINT) ELSE 0 END ELSE 0 END - CASE WHEN at_zone LIKE '-%' THEN -1 ELSE 1 END * (coalesce(CAST(NULLIF(substr(replace(at_zone, ':', ''), 2, 2), '') AS BIGINT), 0) * 3600 + coalesce(CAST(NULLIF(substr(replace(at_zone, ':', ''), 4, 2), '') AS BIGINT), 0) * 60 + coalesce(CAST(NULLIF(substr(replace(at_zone, ':', ''), 6, 2), '') AS BIGINT), 0)) AS DOUBLE) * 1000
      + CASE WHEN at_fraction = '' THEN 0 ELSE CASE WHEN (CAST('0.' || at_fraction AS DOUBLE) * 1000) - floor((CAST('0.' || at_fraction AS DOUBLE) * 1000)) >= 0.5 THEN ceil((CAST('0.' || at_fraction AS DOUBLE) * 1000)) ELSE floor((CAST('0.' || at_fraction AS DOUBLE) * 1000)) END END AS at_epoch_ms
  FROM lead_instant_parts
),
-- Epoch milliseconds of creation and of the scoring moment (the parameter $scoring_at).
scoring_moments AS (
  SELECT lead_instants.*,
    created_at_epoch_ms AS created_ms,
    at_epoch_ms AS at_ms
  FROM lead_instants
),
-- What the transforms look at: number text without commas and spaces, ASCII-lowercased titles, email domains.
profile_inputs AS (
  SELECT scoring_moments.*,
    CASE WHEN profile_1_cell LIKE '%@%' THEN REGEXP_REPLACE(profile_1_cell, '^([^@]*@)+', '') ELSE '' END AS profile_1_domain,
    translate(profile_2_cell, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CHR(8490), 'abcdefghijklmnopqrstuvwxyzk') AS profile_2_title,
    REGEXP_REPLACE(replace(replace(profile_4_cell, ',', ''), ' ', ''), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '') AS profile_4_number_text
  FROM scoring_moments
),
-- Numbers as JavaScript's Number() reads them (NULL where it gives NaN).
profile_numbers AS (
  SELECT profile_inputs.*,
    CASE WHEN profile_4_number_text = '' THEN CAST(0 AS DOUBLE) WHEN REGEXP_LIKE(profile_4_number_text, '^([+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN CASE WHEN ABS(TRY_CAST(profile_4_number_text AS DOUBLE)) <= CAST('1.7976931348623157e308' AS DOUBLE) THEN TRY_CAST(profile_4_number_text AS DOUBLE) END WHEN REGEXP_LIKE(profile_4_number_text, '^(0[xX]0*[0-9a-fA-F]{1,16}|0[bB]0*[01]{1,64}|0[oO]0*(1[0-7]{21}|[0-7]{1,21}))$') THEN CAST(NULL AS DOUBLE) END AS profile_4_number
  FROM profile_inputs
),
-- Each feature's value: the runtime's category levels, bands, email type, seniority, target account.
profile_values AS (
  SELECT profile_numbers.*,
    CASE WHEN profile_1_domain = '' THEN '(missing)' WHEN translate(profile_1_domain, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CHR(8490), 'abcdefghijklmnopqrstuvwxyzk') IN ('gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'hotmail.com', 'hotmail.co.uk', 'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'yandex.ru', 'yandex.com', 'mail.ru', 'qq.com', '163.com', '126.com', 'zoho.com', 'fastmail.com', 'hey.com', 'orange.fr', 'free.fr', 'laposte.net', 'libero.it', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'rediffmail.com') THEN 'free-mail' ELSE 'business' END AS profile_1_value,
    CASE WHEN profile_2_cell = '' THEN '(missing)' WHEN (REGEXP_INSTR(profile_2_title, '(^|[^A-Za-z0-9_])(ceo|cto|cfo|coo|cmo|cio|cro|cpo|chief|founder|co-founder|owner|president|partner)([^A-Za-z0-9_]|$)') > 0) THEN 'c-level' WHEN (REGEXP_INSTR(profile_2_title, '(^|[^A-Za-z0-9_])(vp|svp|evp|vice[- ]president|head of)([^A-Za-z0-9_]|$)') > 0) THEN 'vp' WHEN (REGEXP_INSTR(profile_2_title, '(^|[^A-Za-z0-9_])(director|directeur|diretor)([^A-Za-z0-9_]|$)') > 0) THEN 'director' WHEN (REGEXP_INSTR(profile_2_title, '(^|[^A-Za-z0-9_])(manager|lead|supervisor|gerente)([^A-Za-z0-9_]|$)') > 0) THEN 'manager' WHEN (REGEXP_INSTR(profile_2_title, '(^|[^A-Za-z0-9_])(student|intern|trainee|retired|unemployed|none)([^A-Za-z0-9_]|$)') > 0) THEN 'student-other' ELSE 'individual' END AS profile_2_value,
    CASE WHEN profile_3_cell = '' THEN '(missing)' WHEN profile_3_cell IN ('US', 'BR', 'DE', 'IN', 'GB', 'AU', 'CA', 'FR') THEN profile_3_cell ELSE '(other)' END AS profile_3_value,
    CASE WHEN profile_4_cell = '' OR profile_4_number IS NULL THEN '(missing)' WHEN profile_4_number <= CAST('10' AS DOUBLE) THEN '(-inf, 10]' WHEN profile_4_number <= CAST('50' AS DOUBLE) THEN '(10, 50]' WHEN profile_4_number <= CAST('200' AS DOUBLE) THEN '(50, 200]' WHEN profile_4_number <= CAST('1000' AS DOUBLE) THEN '(200, 1000]' WHEN profile_4_number <= CAST('5000' AS DOUBLE) THEN '(1000, 5000]' ELSE '(5000, inf)' END AS profile_4_value
  FROM profile_numbers
),
-- Points per profile value (kept rules); FIT from fit features, PAIN from behaviour columns.
profile_points AS (
  SELECT profile_values.*,
    CASE profile_1_value WHEN 'free-mail' THEN (-2) ELSE 0 END
      + CASE profile_2_value WHEN 'c-level' THEN 14 WHEN 'vp' THEN 11 WHEN 'director' THEN 4 WHEN 'manager' THEN 2 WHEN 'student-other' THEN (-2) ELSE 0 END
      + CASE profile_3_value WHEN 'FR' THEN (-2) WHEN 'IN' THEN (-2) WHEN 'AU' THEN (-1) WHEN 'BR' THEN (-1) WHEN 'CA' THEN (-1) WHEN 'GB' THEN (-1) ELSE 0 END
      + CASE profile_4_value WHEN '(200, 1000]' THEN 6 WHEN '(10, 50]' THEN (-4) WHEN '(1000, 5000]' THEN 2 WHEN '(5000, inf)' THEN 2 WHEN '(50, 200]' THEN 1 ELSE 0 END AS fit_before_cap,
    0 AS profile_pain
  FROM profile_values
),
-- No FIT cap in this model.
fit_cap AS (
  SELECT profile_points.*, fit_before_cap AS fit
  FROM profile_points
),
-- Events of kept actions (no other event can change a score of this model).
event_rows AS (
  SELECT "lead_id" AS lead_id, "action" AS action, REGEXP_REPLACE(NULLIF(CAST("occurred_at" AS VARCHAR), ''), '^[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$', '') AS occurred_at_text
  FROM "events"
  WHERE "action" IN ('demo_request', 'teammate_invited', 'pricing_page_view', 'trial_signup', 'document_created', 'unsubscribe', 'webinar_attended', 'image_added', 'case_study_view', 'newsletter_read')
),
-- ISO 8601 text as the runtime's parser accepts it; other text, or an impossible day, stops the query, as the runtime throws.
event_instant_texts AS (
  SELECT event_rows.*,
    CASE WHEN NOT REGEXP_LIKE(occurred_at_text, '^([0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.([0-9]{1,9}))?)?[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?(:[0-9]{2})?)?)?)$') THEN CAST(CAST('event.occurred_at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || occurred_at_text AS INTEGER) AS VARCHAR)
      WHEN CAST(substr(occurred_at_text, 6, 2) AS BIGINT) < 1 OR CAST(substr(occurred_at_text, 6, 2) AS BIGINT) > 12 OR CAST(substr(occurred_at_text, 9, 2) AS BIGINT) < 1 OR CAST(substr(occurred_at_text, 9, 2) AS BIGINT) > CASE WHEN CAST(substr(occurred_at_text, 6, 2) AS BIGINT) = 2 THEN CASE WHEN (MOD(CAST(substr(occurred_at_text, 1, 4) AS BIGINT), 4) = 0 AND (MOD(CAST(substr(occurred_at_text, 1, 4) AS BIGINT), 100) <> 0 OR MOD(CAST(substr(occurred_at_text, 1, 4) AS BIGINT), 400) = 0)) THEN 29 ELSE 28 END WHEN CAST(substr(occurred_at_text, 6, 2) AS BIGINT) IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN CAST(CAST('event.occurred_at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || occurred_at_text AS INTEGER) AS VARCHAR)
      ELSE occurred_at_text END AS occurred_at_checked
  FROM event_rows
),
-- The zone designator and the digits of the fraction of a second ('' when absent).
event_instant_parts AS (
  SELECT event_instant_texts.*,
    REGEXP_REPLACE(occurred_at_checked, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]*[\u0009\u000A\u000B\u000C\u000D \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]*)?', '') AS occurred_at_zone,
    REGEXP_REPLACE(occurred_at_checked, '^[^.]*\\.?|[^0-9][^.]*$', '') AS occurred_at_fraction
  FROM event_instant_texts
),
-- Epoch milliseconds from the digits: days since 1970 of the Gregorian date, the clock, minus the zone offset, plus the fraction rounded as the runtime rounds it (no session time zone takes part).
event_instants AS (
  SELECT event_instant_parts.*,
    CAST((floor(CAST((CAST(substr(occurred_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 146097 + (((CAST(substr(occurred_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(occurred_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 400) * 365 + floor(CAST(((CAST(substr(occurred_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(occurred_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 400) AS DOUBLE) / 4) - floor(CAST(((CAST(substr(occurred_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(occurred_at_checked, 1, 4) AS BIGINT) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS BIGINT) <= 2 THEN 1 ELSE 0 END) AS DOUBLE) / 400) * 400) AS DOUBLE) / 100) + (floor(CAST(153 * MOD(CAST(substr(occurred_at_checked, 6, 2) AS BIGINT) + 9, 12) + 2 AS DOUBLE) / 5) + CAST(substr(occurred_at_checked, 9, 2) AS BIGINT) - 1)) - 719468 - 146097) * 86400 + CASE WHEN substr(occurred_at_checked, 11, 1) <> '' THEN CAST(substr(occurred_at_checked, 12, 2) AS BIGINT) * 3600 + CAST(substr(occurred_at_checked, 15, 2) AS BIGINT) * 60 + CASE WHEN substr(occurred_at_checked, 17, 1) = ':' THEN CAST(substr(occurred_at_checked, 18, 2) AS BIGINT) ELSE 0 END ELSE 0 END - CASE WHEN occurred_at_zone LIKE '-%' THEN -1 ELSE 1 END * (coalesce(CAST(NULLIF(substr(replace(occurred_at_zone, ':', ''), 2, 2), '') AS BIGINT), 0) * 3600 + coalesce(CAST(NULLIF(substr(replace(occurred_at_zone, ':', ''), 4, 2), '') AS BIGINT), 0) * 60 + coalesce(CAST(NULLIF(substr(replace(occurred_at_zone, ':', ''), 6, 2), '') AS BIGINT), 0)) AS DOUBLE) * 1000
      + CASE WHEN occurred_at_fraction = '' THEN 0 ELSE CASE WHEN (CAST('0.' || occurred_at_fraction AS DOUBLE) * 1000) - floor((CAST('0.' || occurred_at_fraction AS DOUBLE) * 1000)) >= 0.5 THEN ceil((CAST('0.' || occurred_at_fraction AS DOUBLE) * 1000)) ELSE floor((CAST('0.' || occurred_at_fraction AS DOUBLE) * 1000)) END END AS occurred_at_epoch_ms
  FROM event_instant_parts
),
-- Only events strictly before the lead's scoring moment count (the leakage rule).
events_before_moment AS (
  SELECT * FROM (
    SELECT event_instants.lead_id, event_instants.action, event_instants.occurred_at_epoch_ms AS occurred_ms, scoring_moments.at_ms
    FROM event_instants JOIN scoring_moments ON event_instants.lead_id = scoring_moments.lead_id
  ) AS timed
  WHERE occurred_ms < at_ms
),
-- Per lead: the latest event, and each kept action's latest counted occurrence (NULL: not counted). Repeats count once.
counted_actions AS (
  SELECT lead_id,
    max(occurred_ms) AS latest_event_ms,
    max(CASE WHEN action = 'demo_request' THEN occurred_ms END) AS action_1_last_ms, -- "demo_request"
    max(CASE WHEN action = 'teammate_invited' THEN occurred_ms END) AS action_2_last_ms, -- "teammate_invited"
    max(CASE WHEN action = 'pricing_page_view' THEN occurred_ms END) AS action_3_last_ms, -- "pricing_page_view"
    max(CASE WHEN action = 'trial_signup' THEN occurred_ms END) AS action_4_last_ms, -- "trial_signup"
    max(CASE WHEN action = 'document_created' THEN occurred_ms END) AS action_5_last_ms, -- "document_created"
    max(CASE WHEN action = 'unsubscribe' THEN occurred_ms END) AS action_6_last_ms, -- "unsubscribe"
    max(CASE WHEN action = 'webinar_attended' THEN occurred_ms END) AS action_7_last_ms, -- "webinar_attended"
    max(CASE WHEN action = 'image_added' THEN occurred_ms END) AS action_8_last_ms, -- "image_added"
    max(CASE WHEN action = 'case_study_view' THEN occurred_ms END) AS action_9_last_ms, -- "case_study_view"
    max(CASE WHEN action = 'newsletter_read' THEN occurred_ms END) AS action_10_last_ms -- "newsletter_read"
  FROM events_before_moment
  GROUP BY lead_id
),
-- Last activity: the latest event of any kind, or creation (NULL: neither).
last_activity AS (
  SELECT *,
    greatest(coalesce(created_ms, latest_event_ms), coalesce(latest_event_ms, created_ms)) AS last_activity_ms
  FROM (SELECT fit_cap.*, counted_actions.latest_event_ms, counted_actions.action_1_last_ms, counted_actions.action_2_last_ms, counted_actions.action_3_last_ms, counted_actions.action_4_last_ms, counted_actions.action_5_last_ms, counted_actions.action_6_last_ms, counted_actions.action_7_last_ms, counted_actions.action_8_last_ms, counted_actions.action_9_last_ms, counted_actions.action_10_last_ms FROM fit_cap LEFT JOIN counted_actions ON fit_cap.lead_id = counted_actions.lead_id) AS activity
),
-- Each kept action's points, once (0 when not counted); decayed points rounded to a tenth as the runtime does.
kept_action_points AS (
  SELECT last_activity.*,
    CASE WHEN action_1_last_ms IS NULL THEN 0 ELSE 39 END AS action_1_points, -- "demo_request"
    CASE WHEN action_2_last_ms IS NULL THEN 0 ELSE 24 END AS action_2_points, -- "teammate_invited"
    CASE WHEN action_3_last_ms IS NULL THEN 0 ELSE 14 END AS action_3_points, -- "pricing_page_view"
    CASE WHEN action_4_last_ms IS NULL THEN 0 ELSE 12 END AS action_4_points, -- "trial_signup"
    CASE WHEN action_5_last_ms IS NULL THEN 0 ELSE 11 END AS action_5_points, -- "document_created"
    CASE WHEN action_6_last_ms IS NULL THEN 0 ELSE (-9) END AS action_6_points, -- "unsubscribe"
    CASE WHEN action_7_last_ms IS NULL THEN 0 ELSE 4 END AS action_7_points, -- "webinar_attended"
    CASE WHEN action_8_last_ms IS NULL THEN 0 ELSE 3 END AS action_8_points, -- "image_added"
    CASE WHEN action_9_last_ms IS NULL THEN 0 ELSE (-1) END AS action_9_points, -- "case_study_view"
    CASE WHEN action_10_last_ms IS NULL THEN 0 ELSE (-1) END AS action_10_points -- "newsletter_read"
  FROM last_activity
),
-- Action points: the sum, in model order.
action_points AS (
  SELECT kept_action_points.*,
    action_1_points + action_2_points + action_3_points + action_4_points + action_5_points + action_6_points + action_7_points + action_8_points + action_9_points + action_10_points AS action_points
  FROM kept_action_points
),
-- No inactivity rule in this model.
inactivity_penalty AS (
  SELECT action_points.*, 0 AS inactivity_points
  FROM action_points
),
-- No velocity rule in this model.
velocity_points AS (
  SELECT inactivity_penalty.*,
    0 AS velocity_points
  FROM inactivity_penalty
),
-- PAIN before rounding, added in the runtime's order.
unrounded_pain AS (
  SELECT velocity_points.*,
    CAST(profile_pain AS DOUBLE) + action_points + inactivity_points + velocity_points.velocity_points AS pain_sum
  FROM velocity_points
),
-- PAIN rounded to a tenth (Math.round: ties up).
pain AS (
  SELECT unrounded_pain.*,
    CASE WHEN pain_sum * 10 >= -0.5 AND pain_sum * 10 < 0.5 THEN CAST(0 AS DOUBLE) ELSE (CASE WHEN pain_sum * 10 - floor(pain_sum * 10) >= 0.5 THEN ceil(pain_sum * 10) ELSE floor(pain_sum * 10) END) / 10 END AS pain
  FROM unrounded_pain
),
-- Score = FIT + PAIN, before rounding.
unrounded_score AS (
  SELECT pain.*,
    CAST(fit AS DOUBLE) + pain.pain AS score_sum
  FROM pain
),
-- Score rounded to a tenth.
score AS (
  SELECT unrounded_score.*,
    CASE WHEN score_sum * 10 >= -0.5 AND score_sum * 10 < 0.5 THEN CAST(0 AS DOUBLE) ELSE (CASE WHEN score_sum * 10 - floor(score_sum * 10) >= 0.5 THEN ceil(score_sum * 10) ELSE floor(score_sum * 10) END) / 10 END AS score
  FROM unrounded_score
),
-- Close probability: the calibration curve, interpolated linearly between its points, clipped at its ends.
probability AS (
  SELECT score.*,
    CASE WHEN score.score <= CAST('-19' AS DOUBLE) THEN CAST('0' AS DOUBLE)
      WHEN score.score >= CAST('82' AS DOUBLE) THEN CAST('1' AS DOUBLE)
      WHEN score.score < CAST('-17' AS DOUBLE) THEN CAST('0' AS DOUBLE) + ((score.score - CAST('-19' AS DOUBLE)) / (CAST('-17' AS DOUBLE) - CAST('-19' AS DOUBLE))) * (CAST('0' AS DOUBLE) - CAST('0' AS DOUBLE))
      WHEN score.score < CAST('-16' AS DOUBLE) THEN CAST('0' AS DOUBLE) + ((score.score - CAST('-17' AS DOUBLE)) / (CAST('-16' AS DOUBLE) - CAST('-17' AS DOUBLE))) * (CAST('0' AS DOUBLE) - CAST('0' AS DOUBLE))
      WHEN score.score < CAST('-15' AS DOUBLE) THEN CAST('0' AS DOUBLE) + ((score.score - CAST('-16' AS DOUBLE)) / (CAST('-15' AS DOUBLE) - CAST('-16' AS DOUBLE))) * (CAST('0' AS DOUBLE) - CAST('0' AS DOUBLE))
      WHEN score.score < CAST('-14' AS DOUBLE) THEN CAST('0' AS DOUBLE) + ((score.score - CAST('-15' AS DOUBLE)) / (CAST('-14' AS DOUBLE) - CAST('-15' AS DOUBLE))) * (CAST('0' AS DOUBLE) - CAST('0' AS DOUBLE))
      WHEN score.score < CAST('-13' AS DOUBLE) THEN CAST('0' AS DOUBLE) + ((score.score - CAST('-14' AS DOUBLE)) / (CAST('-13' AS DOUBLE) - CAST('-14' AS DOUBLE))) * (CAST('0' AS DOUBLE) - CAST('0' AS DOUBLE))
      WHEN score.score < CAST('-12' AS DOUBLE) THEN CAST('0' AS DOUBLE) + ((score.score - CAST('-13' AS DOUBLE)) / (CAST('-12' AS DOUBLE) - CAST('-13' AS DOUBLE))) * (CAST('0' AS DOUBLE) - CAST('0' AS DOUBLE))
      WHEN score.score < CAST('-11' AS DOUBLE) THEN CAST('0' AS DOUBLE) + ((score.score - CAST('-12' AS DOUBLE)) / (CAST('-11' AS DOUBLE) - CAST('-12' AS DOUBLE))) * (CAST('0' AS DOUBLE) - CAST('0' AS DOUBLE))
      WHEN score.score < CAST('-10' AS DOUBLE) THEN CAST('0' AS DOUBLE) + ((score.score - CAST('-11' AS DOUBLE)) / (CAST('-10' AS DOUBLE) - CAST('-11' AS DOUBLE))) * (CAST('0.024158757549611734' AS DOUBLE) - CAST('0' AS DOUBLE))
      WHEN score.score < CAST('-9' AS DOUBLE) THEN CAST('0.024158757549611734' AS DOUBLE) + ((score.score - CAST('-10' AS DOUBLE)) / (CAST('-9' AS DOUBLE) - CAST('-10' AS DOUBLE))) * (CAST('0.024158757549611734' AS DOUBLE) - CAST('0.024158757549611734' AS DOUBLE))
      WHEN score.score < CAST('-8' AS DOUBLE) THEN CAST('0.024158757549611734' AS DOUBLE) + ((score.score - CAST('-9' AS DOUBLE)) / (CAST('-8' AS DOUBLE) - CAST('-9' AS DOUBLE))) * (CAST('0.024158757549611734' AS DOUBLE) - CAST('0.024158757549611734' AS DOUBLE))
      WHEN score.score < CAST('-7' AS DOUBLE) THEN CAST('0.024158757549611734' AS DOUBLE) + ((score.score - CAST('-8' AS DOUBLE)) / (CAST('-7' AS DOUBLE) - CAST('-8' AS DOUBLE))) * (CAST('0.024158757549611734' AS DOUBLE) - CAST('0.024158757549611734' AS DOUBLE))
      WHEN score.score < CAST('-6' AS DOUBLE) THEN CAST('0.024158757549611734' AS DOUBLE) + ((score.score - CAST('-7' AS DOUBLE)) / (CAST('-6' AS DOUBLE) - CAST('-7' AS DOUBLE))) * (CAST('0.024158757549611734' AS DOUBLE) - CAST('0.024158757549611734' AS DOUBLE))
      WHEN score.score < CAST('-5' AS DOUBLE) THEN CAST('0.024158757549611734' AS DOUBLE) + ((score.score - CAST('-6' AS DOUBLE)) / (CAST('-5' AS DOUBLE) - CAST('-6' AS DOUBLE))) * (CAST('0.024158757549611734' AS DOUBLE) - CAST('0.024158757549611734' AS DOUBLE))
      WHEN score.score < CAST('-4' AS DOUBLE) THEN CAST('0.024158757549611734' AS DOUBLE) + ((score.score - CAST('-5' AS DOUBLE)) / (CAST('-4' AS DOUBLE) - CAST('-5' AS DOUBLE))) * (CAST('0.024158757549611734' AS DOUBLE) - CAST('0.024158757549611734' AS DOUBLE))
      WHEN score.score < CAST('-3' AS DOUBLE) THEN CAST('0.024158757549611734' AS DOUBLE) + ((score.score - CAST('-4' AS DOUBLE)) / (CAST('-3' AS DOUBLE) - CAST('-4' AS DOUBLE))) * (CAST('0.024158757549611734' AS DOUBLE) - CAST('0.024158757549611734' AS DOUBLE))
      WHEN score.score < CAST('-2' AS DOUBLE) THEN CAST('0.024158757549611734' AS DOUBLE) + ((score.score - CAST('-3' AS DOUBLE)) / (CAST('-2' AS DOUBLE) - CAST('-3' AS DOUBLE))) * (CAST('0.035313001605136445' AS DOUBLE) - CAST('0.024158757549611734' AS DOUBLE))
      WHEN score.score < CAST('-1' AS DOUBLE) THEN CAST('0.035313001605136445' AS DOUBLE) + ((score.score - CAST('-2' AS DOUBLE)) / (CAST('-1' AS DOUBLE) - CAST('-2' AS DOUBLE))) * (CAST('0.035313001605136445' AS DOUBLE) - CAST('0.035313001605136445' AS DOUBLE))
      WHEN score.score < CAST('0' AS DOUBLE) THEN CAST('0.035313001605136445' AS DOUBLE) + ((score.score - CAST('-1' AS DOUBLE)) / (CAST('0' AS DOUBLE) - CAST('-1' AS DOUBLE))) * (CAST('0.049999999999999996' AS DOUBLE) - CAST('0.035313001605136445' AS DOUBLE))
      WHEN score.score < CAST('1' AS DOUBLE) THEN CAST('0.049999999999999996' AS DOUBLE) + ((score.score - CAST('0' AS DOUBLE)) / (CAST('1' AS DOUBLE) - CAST('0' AS DOUBLE))) * (CAST('0.052991452991453004' AS DOUBLE) - CAST('0.049999999999999996' AS DOUBLE))
      WHEN score.score < CAST('2' AS DOUBLE) THEN CAST('0.052991452991453004' AS DOUBLE) + ((score.score - CAST('1' AS DOUBLE)) / (CAST('2' AS DOUBLE) - CAST('1' AS DOUBLE))) * (CAST('0.052991452991453004' AS DOUBLE) - CAST('0.052991452991453004' AS DOUBLE))
      WHEN score.score < CAST('3' AS DOUBLE) THEN CAST('0.052991452991453004' AS DOUBLE) + ((score.score - CAST('2' AS DOUBLE)) / (CAST('3' AS DOUBLE) - CAST('2' AS DOUBLE))) * (CAST('0.052991452991453004' AS DOUBLE) - CAST('0.052991452991453004' AS DOUBLE))
      WHEN score.score < CAST('4' AS DOUBLE) THEN CAST('0.052991452991453004' AS DOUBLE) + ((score.score - CAST('3' AS DOUBLE)) / (CAST('4' AS DOUBLE) - CAST('3' AS DOUBLE))) * (CAST('0.06644518272425248' AS DOUBLE) - CAST('0.052991452991453004' AS DOUBLE))
      WHEN score.score < CAST('5' AS DOUBLE) THEN CAST('0.06644518272425248' AS DOUBLE) + ((score.score - CAST('4' AS DOUBLE)) / (CAST('5' AS DOUBLE) - CAST('4' AS DOUBLE))) * (CAST('0.06644518272425248' AS DOUBLE) - CAST('0.06644518272425248' AS DOUBLE))
      WHEN score.score < CAST('6' AS DOUBLE) THEN CAST('0.06644518272425248' AS DOUBLE) + ((score.score - CAST('5' AS DOUBLE)) / (CAST('6' AS DOUBLE) - CAST('5' AS DOUBLE))) * (CAST('0.10321100917431196' AS DOUBLE) - CAST('0.06644518272425248' AS DOUBLE))
      WHEN score.score < CAST('7' AS DOUBLE) THEN CAST('0.10321100917431196' AS DOUBLE) + ((score.score - CAST('6' AS DOUBLE)) / (CAST('7' AS DOUBLE) - CAST('6' AS DOUBLE))) * (CAST('0.10321100917431196' AS DOUBLE) - CAST('0.10321100917431196' AS DOUBLE))
      WHEN score.score < CAST('8' AS DOUBLE) THEN CAST('0.10321100917431196' AS DOUBLE) + ((score.score - CAST('7' AS DOUBLE)) / (CAST('8' AS DOUBLE) - CAST('7' AS DOUBLE))) * (CAST('0.10321100917431196' AS DOUBLE) - CAST('0.10321100917431196' AS DOUBLE))
      WHEN score.score < CAST('9' AS DOUBLE) THEN CAST('0.10321100917431196' AS DOUBLE) + ((score.score - CAST('8' AS DOUBLE)) / (CAST('9' AS DOUBLE) - CAST('8' AS DOUBLE))) * (CAST('0.1286307053941909' AS DOUBLE) - CAST('0.10321100917431196' AS DOUBLE))
      WHEN score.score < CAST('10' AS DOUBLE) THEN CAST('0.1286307053941909' AS DOUBLE) + ((score.score - CAST('9' AS DOUBLE)) / (CAST('10' AS DOUBLE) - CAST('9' AS DOUBLE))) * (CAST('0.1286307053941909' AS DOUBLE) - CAST('0.1286307053941909' AS DOUBLE))
      WHEN score.score < CAST('11' AS DOUBLE) THEN CAST('0.1286307053941909' AS DOUBLE) + ((score.score - CAST('10' AS DOUBLE)) / (CAST('11' AS DOUBLE) - CAST('10' AS DOUBLE))) * (CAST('0.1286307053941909' AS DOUBLE) - CAST('0.1286307053941909' AS DOUBLE))
      WHEN score.score < CAST('12' AS DOUBLE) THEN CAST('0.1286307053941909' AS DOUBLE) + ((score.score - CAST('11' AS DOUBLE)) / (CAST('12' AS DOUBLE) - CAST('11' AS DOUBLE))) * (CAST('0.14371257485029937' AS DOUBLE) - CAST('0.1286307053941909' AS DOUBLE))
      WHEN score.score < CAST('13' AS DOUBLE) THEN CAST('0.14371257485029937' AS DOUBLE) + ((score.score - CAST('12' AS DOUBLE)) / (CAST('13' AS DOUBLE) - CAST('12' AS DOUBLE))) * (CAST('0.14371257485029937' AS DOUBLE) - CAST('0.14371257485029937' AS DOUBLE))
      WHEN score.score < CAST('14' AS DOUBLE) THEN CAST('0.14371257485029937' AS DOUBLE) + ((score.score - CAST('13' AS DOUBLE)) / (CAST('14' AS DOUBLE) - CAST('13' AS DOUBLE))) * (CAST('0.14371257485029937' AS DOUBLE) - CAST('0.14371257485029937' AS DOUBLE))
      WHEN score.score < CAST('15' AS DOUBLE) THEN CAST('0.14371257485029937' AS DOUBLE) + ((score.score - CAST('14' AS DOUBLE)) / (CAST('15' AS DOUBLE) - CAST('14' AS DOUBLE))) * (CAST('0.14371257485029937' AS DOUBLE) - CAST('0.14371257485029937' AS DOUBLE))
      WHEN score.score < CAST('16' AS DOUBLE) THEN CAST('0.14371257485029937' AS DOUBLE) + ((score.score - CAST('15' AS DOUBLE)) / (CAST('16' AS DOUBLE) - CAST('15' AS DOUBLE))) * (CAST('0.16129032258064513' AS DOUBLE) - CAST('0.14371257485029937' AS DOUBLE))
      WHEN score.score < CAST('17' AS DOUBLE) THEN CAST('0.16129032258064513' AS DOUBLE) + ((score.score - CAST('16' AS DOUBLE)) / (CAST('17' AS DOUBLE) - CAST('16' AS DOUBLE))) * (CAST('0.18298969072164947' AS DOUBLE) - CAST('0.16129032258064513' AS DOUBLE))
      WHEN score.score < CAST('18' AS DOUBLE) THEN CAST('0.18298969072164947' AS DOUBLE) + ((score.score - CAST('17' AS DOUBLE)) / (CAST('18' AS DOUBLE) - CAST('17' AS DOUBLE))) * (CAST('0.18298969072164947' AS DOUBLE) - CAST('0.18298969072164947' AS DOUBLE))
      WHEN score.score < CAST('19' AS DOUBLE) THEN CAST('0.18298969072164947' AS DOUBLE) + ((score.score - CAST('18' AS DOUBLE)) / (CAST('19' AS DOUBLE) - CAST('18' AS DOUBLE))) * (CAST('0.18298969072164947' AS DOUBLE) - CAST('0.18298969072164947' AS DOUBLE))
      WHEN score.score < CAST('20' AS DOUBLE) THEN CAST('0.18298969072164947' AS DOUBLE) + ((score.score - CAST('19' AS DOUBLE)) / (CAST('20' AS DOUBLE) - CAST('19' AS DOUBLE))) * (CAST('0.18298969072164947' AS DOUBLE) - CAST('0.18298969072164947' AS DOUBLE))
      WHEN score.score < CAST('21' AS DOUBLE) THEN CAST('0.18298969072164947' AS DOUBLE) + ((score.score - CAST('20' AS DOUBLE)) / (CAST('21' AS DOUBLE) - CAST('20' AS DOUBLE))) * (CAST('0.18298969072164947' AS DOUBLE) - CAST('0.18298969072164947' AS DOUBLE))
      WHEN score.score < CAST('22' AS DOUBLE) THEN CAST('0.18298969072164947' AS DOUBLE) + ((score.score - CAST('21' AS DOUBLE)) / (CAST('22' AS DOUBLE) - CAST('21' AS DOUBLE))) * (CAST('0.18298969072164947' AS DOUBLE) - CAST('0.18298969072164947' AS DOUBLE))
      WHEN score.score < CAST('23' AS DOUBLE) THEN CAST('0.18298969072164947' AS DOUBLE) + ((score.score - CAST('22' AS DOUBLE)) / (CAST('23' AS DOUBLE) - CAST('22' AS DOUBLE))) * (CAST('0.18298969072164947' AS DOUBLE) - CAST('0.18298969072164947' AS DOUBLE))
      WHEN score.score < CAST('24' AS DOUBLE) THEN CAST('0.18298969072164947' AS DOUBLE) + ((score.score - CAST('23' AS DOUBLE)) / (CAST('24' AS DOUBLE) - CAST('23' AS DOUBLE))) * (CAST('0.18303571428571427' AS DOUBLE) - CAST('0.18298969072164947' AS DOUBLE))
      WHEN score.score < CAST('25' AS DOUBLE) THEN CAST('0.18303571428571427' AS DOUBLE) + ((score.score - CAST('24' AS DOUBLE)) / (CAST('25' AS DOUBLE) - CAST('24' AS DOUBLE))) * (CAST('0.18303571428571427' AS DOUBLE) - CAST('0.18303571428571427' AS DOUBLE))
      WHEN score.score < CAST('26' AS DOUBLE) THEN CAST('0.18303571428571427' AS DOUBLE) + ((score.score - CAST('25' AS DOUBLE)) / (CAST('26' AS DOUBLE) - CAST('25' AS DOUBLE))) * (CAST('0.18303571428571427' AS DOUBLE) - CAST('0.18303571428571427' AS DOUBLE))
      WHEN score.score < CAST('27' AS DOUBLE) THEN CAST('0.18303571428571427' AS DOUBLE) + ((score.score - CAST('26' AS DOUBLE)) / (CAST('27' AS DOUBLE) - CAST('26' AS DOUBLE))) * (CAST('0.18303571428571427' AS DOUBLE) - CAST('0.18303571428571427' AS DOUBLE))
      WHEN score.score < CAST('28' AS DOUBLE) THEN CAST('0.18303571428571427' AS DOUBLE) + ((score.score - CAST('27' AS DOUBLE)) / (CAST('28' AS DOUBLE) - CAST('27' AS DOUBLE))) * (CAST('0.18303571428571427' AS DOUBLE) - CAST('0.18303571428571427' AS DOUBLE))
      WHEN score.score < CAST('29' AS DOUBLE) THEN CAST('0.18303571428571427' AS DOUBLE) + ((score.score - CAST('28' AS DOUBLE)) / (CAST('29' AS DOUBLE) - CAST('28' AS DOUBLE))) * (CAST('0.18303571428571427' AS DOUBLE) - CAST('0.18303571428571427' AS DOUBLE))
      WHEN score.score < CAST('30' AS DOUBLE) THEN CAST('0.18303571428571427' AS DOUBLE) + ((score.score - CAST('29' AS DOUBLE)) / (CAST('30' AS DOUBLE) - CAST('29' AS DOUBLE))) * (CAST('0.18303571428571427' AS DOUBLE) - CAST('0.18303571428571427' AS DOUBLE))
      WHEN score.score < CAST('31' AS DOUBLE) THEN CAST('0.18303571428571427' AS DOUBLE) + ((score.score - CAST('30' AS DOUBLE)) / (CAST('31' AS DOUBLE) - CAST('30' AS DOUBLE))) * (CAST('0.18303571428571427' AS DOUBLE) - CAST('0.18303571428571427' AS DOUBLE))
      WHEN score.score < CAST('32' AS DOUBLE) THEN CAST('0.18303571428571427' AS DOUBLE) + ((score.score - CAST('31' AS DOUBLE)) / (CAST('32' AS DOUBLE) - CAST('31' AS DOUBLE))) * (CAST('0.2' AS DOUBLE) - CAST('0.18303571428571427' AS DOUBLE))
      WHEN score.score < CAST('33' AS DOUBLE) THEN CAST('0.2' AS DOUBLE) + ((score.score - CAST('32' AS DOUBLE)) / (CAST('33' AS DOUBLE) - CAST('32' AS DOUBLE))) * (CAST('0.26666666666666666' AS DOUBLE) - CAST('0.2' AS DOUBLE))
      WHEN score.score < CAST('34' AS DOUBLE) THEN CAST('0.26666666666666666' AS DOUBLE) + ((score.score - CAST('33' AS DOUBLE)) / (CAST('34' AS DOUBLE) - CAST('33' AS DOUBLE))) * (CAST('0.29545454545454547' AS DOUBLE) - CAST('0.26666666666666666' AS DOUBLE))
      WHEN score.score < CAST('35' AS DOUBLE) THEN CAST('0.29545454545454547' AS DOUBLE) + ((score.score - CAST('34' AS DOUBLE)) / (CAST('35' AS DOUBLE) - CAST('34' AS DOUBLE))) * (CAST('0.29545454545454547' AS DOUBLE) - CAST('0.29545454545454547' AS DOUBLE))
      WHEN score.score < CAST('36' AS DOUBLE) THEN CAST('0.29545454545454547' AS DOUBLE) + ((score.score - CAST('35' AS DOUBLE)) / (CAST('36' AS DOUBLE) - CAST('35' AS DOUBLE))) * (CAST('0.29545454545454547' AS DOUBLE) - CAST('0.29545454545454547' AS DOUBLE))
      WHEN score.score < CAST('37' AS DOUBLE) THEN CAST('0.29545454545454547' AS DOUBLE) + ((score.score - CAST('36' AS DOUBLE)) / (CAST('37' AS DOUBLE) - CAST('36' AS DOUBLE))) * (CAST('0.3333333333333333' AS DOUBLE) - CAST('0.29545454545454547' AS DOUBLE))
      WHEN score.score < CAST('38' AS DOUBLE) THEN CAST('0.3333333333333333' AS DOUBLE) + ((score.score - CAST('37' AS DOUBLE)) / (CAST('38' AS DOUBLE) - CAST('37' AS DOUBLE))) * (CAST('0.391304347826087' AS DOUBLE) - CAST('0.3333333333333333' AS DOUBLE))
      WHEN score.score < CAST('39' AS DOUBLE) THEN CAST('0.391304347826087' AS DOUBLE) + ((score.score - CAST('38' AS DOUBLE)) / (CAST('39' AS DOUBLE) - CAST('38' AS DOUBLE))) * (CAST('0.391304347826087' AS DOUBLE) - CAST('0.391304347826087' AS DOUBLE))
      WHEN score.score < CAST('40' AS DOUBLE) THEN CAST('0.391304347826087' AS DOUBLE) + ((score.score - CAST('39' AS DOUBLE)) / (CAST('40' AS DOUBLE) - CAST('39' AS DOUBLE))) * (CAST('0.391304347826087' AS DOUBLE) - CAST('0.391304347826087' AS DOUBLE))
      WHEN score.score < CAST('41' AS DOUBLE) THEN CAST('0.391304347826087' AS DOUBLE) + ((score.score - CAST('40' AS DOUBLE)) / (CAST('41' AS DOUBLE) - CAST('40' AS DOUBLE))) * (CAST('0.4117647058823529' AS DOUBLE) - CAST('0.391304347826087' AS DOUBLE))
      WHEN score.score < CAST('42' AS DOUBLE) THEN CAST('0.4117647058823529' AS DOUBLE) + ((score.score - CAST('41' AS DOUBLE)) / (CAST('42' AS DOUBLE) - CAST('41' AS DOUBLE))) * (CAST('0.4117647058823529' AS DOUBLE) - CAST('0.4117647058823529' AS DOUBLE))
      WHEN score.score < CAST('43' AS DOUBLE) THEN CAST('0.4117647058823529' AS DOUBLE) + ((score.score - CAST('42' AS DOUBLE)) / (CAST('43' AS DOUBLE) - CAST('42' AS DOUBLE))) * (CAST('0.4117647058823529' AS DOUBLE) - CAST('0.4117647058823529' AS DOUBLE))
      WHEN score.score < CAST('44' AS DOUBLE) THEN CAST('0.4117647058823529' AS DOUBLE) + ((score.score - CAST('43' AS DOUBLE)) / (CAST('44' AS DOUBLE) - CAST('43' AS DOUBLE))) * (CAST('0.4117647058823529' AS DOUBLE) - CAST('0.4117647058823529' AS DOUBLE))
      WHEN score.score < CAST('45' AS DOUBLE) THEN CAST('0.4117647058823529' AS DOUBLE) + ((score.score - CAST('44' AS DOUBLE)) / (CAST('45' AS DOUBLE) - CAST('44' AS DOUBLE))) * (CAST('0.4117647058823529' AS DOUBLE) - CAST('0.4117647058823529' AS DOUBLE))
      WHEN score.score < CAST('46' AS DOUBLE) THEN CAST('0.4117647058823529' AS DOUBLE) + ((score.score - CAST('45' AS DOUBLE)) / (CAST('46' AS DOUBLE) - CAST('45' AS DOUBLE))) * (CAST('0.4117647058823529' AS DOUBLE) - CAST('0.4117647058823529' AS DOUBLE))
      WHEN score.score < CAST('47' AS DOUBLE) THEN CAST('0.4117647058823529' AS DOUBLE) + ((score.score - CAST('46' AS DOUBLE)) / (CAST('47' AS DOUBLE) - CAST('46' AS DOUBLE))) * (CAST('0.4117647058823529' AS DOUBLE) - CAST('0.4117647058823529' AS DOUBLE))
      WHEN score.score < CAST('48' AS DOUBLE) THEN CAST('0.4117647058823529' AS DOUBLE) + ((score.score - CAST('47' AS DOUBLE)) / (CAST('48' AS DOUBLE) - CAST('47' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.4117647058823529' AS DOUBLE))
      WHEN score.score < CAST('49' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('48' AS DOUBLE)) / (CAST('49' AS DOUBLE) - CAST('48' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('50' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('49' AS DOUBLE)) / (CAST('50' AS DOUBLE) - CAST('49' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('51' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('50' AS DOUBLE)) / (CAST('51' AS DOUBLE) - CAST('50' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('52' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('51' AS DOUBLE)) / (CAST('52' AS DOUBLE) - CAST('51' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('53' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('52' AS DOUBLE)) / (CAST('53' AS DOUBLE) - CAST('52' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('54' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('53' AS DOUBLE)) / (CAST('54' AS DOUBLE) - CAST('53' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('55' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('54' AS DOUBLE)) / (CAST('55' AS DOUBLE) - CAST('54' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('56' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('55' AS DOUBLE)) / (CAST('56' AS DOUBLE) - CAST('55' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('57' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('56' AS DOUBLE)) / (CAST('57' AS DOUBLE) - CAST('56' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('58' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('57' AS DOUBLE)) / (CAST('58' AS DOUBLE) - CAST('57' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('59' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('58' AS DOUBLE)) / (CAST('59' AS DOUBLE) - CAST('58' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('60' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('59' AS DOUBLE)) / (CAST('60' AS DOUBLE) - CAST('59' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('61' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('60' AS DOUBLE)) / (CAST('61' AS DOUBLE) - CAST('60' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('62' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('61' AS DOUBLE)) / (CAST('62' AS DOUBLE) - CAST('61' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('63' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('62' AS DOUBLE)) / (CAST('63' AS DOUBLE) - CAST('62' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('67' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('63' AS DOUBLE)) / (CAST('67' AS DOUBLE) - CAST('63' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('68' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('67' AS DOUBLE)) / (CAST('68' AS DOUBLE) - CAST('67' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('70' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('68' AS DOUBLE)) / (CAST('70' AS DOUBLE) - CAST('68' AS DOUBLE))) * (CAST('0.5079365079365079' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('71' AS DOUBLE) THEN CAST('0.5079365079365079' AS DOUBLE) + ((score.score - CAST('70' AS DOUBLE)) / (CAST('71' AS DOUBLE) - CAST('70' AS DOUBLE))) * (CAST('0.6666666666666666' AS DOUBLE) - CAST('0.5079365079365079' AS DOUBLE))
      WHEN score.score < CAST('72' AS DOUBLE) THEN CAST('0.6666666666666666' AS DOUBLE) + ((score.score - CAST('71' AS DOUBLE)) / (CAST('72' AS DOUBLE) - CAST('71' AS DOUBLE))) * (CAST('0.6666666666666666' AS DOUBLE) - CAST('0.6666666666666666' AS DOUBLE))
      WHEN score.score < CAST('74' AS DOUBLE) THEN CAST('0.6666666666666666' AS DOUBLE) + ((score.score - CAST('72' AS DOUBLE)) / (CAST('74' AS DOUBLE) - CAST('72' AS DOUBLE))) * (CAST('0.6666666666666666' AS DOUBLE) - CAST('0.6666666666666666' AS DOUBLE))
      WHEN score.score < CAST('80' AS DOUBLE) THEN CAST('0.6666666666666666' AS DOUBLE) + ((score.score - CAST('74' AS DOUBLE)) / (CAST('80' AS DOUBLE) - CAST('74' AS DOUBLE))) * (CAST('0.6666666666666666' AS DOUBLE) - CAST('0.6666666666666666' AS DOUBLE))
      ELSE CAST('0.6666666666666666' AS DOUBLE) + ((score.score - CAST('80' AS DOUBLE)) / (CAST('82' AS DOUBLE) - CAST('80' AS DOUBLE))) * (CAST('1' AS DOUBLE) - CAST('0.6666666666666666' AS DOUBLE))
      END AS probability
  FROM score
)
SELECT
  probability.lead_id,
  probability.account_id,
  probability.score,
  CAST(probability.fit AS DOUBLE) AS fit,
  probability.pain,
  probability.probability,
  probability.score >= CAST('13' AS DOUBLE) AS sdr_ready
FROM probability
