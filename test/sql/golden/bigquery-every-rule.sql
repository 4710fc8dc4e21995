-- leadlift scoring query (BigQuery) for model every-rule.json
-- model created 2025-01-01T00:00:00.000Z by leadlift test, schema version 1, lift mode, SDR-ready threshold 30
-- It scores each lead exactly as the runtime scorer (leadlift/runtime) does; see README, "Scoring in SQL".
-- Reads `crm`.`CRM Leads`: `Prospect ID`, `created_at`, `account_id`, `as_of`, `Job Title`, `email`, `Company Size`, `country`, `Visits "30d"` (profile columns as text; created_at, account_id may be NULL (the columns must exist))
-- Reads `crm`.`activity`: `lead_id`, `action`, `when`
-- Scoring moment: bind the query parameter @scoring_at (ISO 8601 STRING) for leads without as_of.
-- Profile placeholders read as empty: "Select", "N/A".
-- Returns one row per lead: lead_id, account_id, score, fit, pain, probability, sdr_ready.
WITH
-- Leads as the runtime reads them: profile cells as trimmed text ('' when empty), instants as trimmed text.
lead_cells AS (
  SELECT
    leads_read.`Prospect ID` AS lead_id,
    NULLIF(REGEXP_REPLACE(CAST(leads_read.`account_id` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), '') AS account_id,
    REGEXP_REPLACE(NULLIF(CAST(leads_read.`created_at` AS STRING), ''), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', '') AS created_at_text,
    REGEXP_REPLACE(NULLIF(CAST(leads_read.`as_of` AS STRING), ''), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', '') AS as_of_text,
    REGEXP_REPLACE(NULLIF(CAST(@scoring_at AS STRING), ''), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', '') AS at_text,
    CASE WHEN translate(coalesce(REGEXP_REPLACE(CAST(leads_read.`Job Title` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CODE_POINTS_TO_STRING([8490]), 'abcdefghijklmnopqrstuvwxyzk') IN ('select', 'n/a') THEN '' ELSE coalesce(REGEXP_REPLACE(CAST(leads_read.`Job Title` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), '') END AS profile_1_cell, -- "seniority" (fit) from column "Job Title"
    CASE WHEN translate(coalesce(REGEXP_REPLACE(CAST(leads_read.`email` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CODE_POINTS_TO_STRING([8490]), 'abcdefghijklmnopqrstuvwxyzk') IN ('select', 'n/a') THEN '' ELSE coalesce(REGEXP_REPLACE(CAST(leads_read.`email` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), '') END AS profile_2_cell, -- "email_domain" (fit) from column "email"
    CASE WHEN translate(coalesce(REGEXP_REPLACE(CAST(leads_read.`Company Size` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CODE_POINTS_TO_STRING([8490]), 'abcdefghijklmnopqrstuvwxyzk') IN ('select', 'n/a') THEN '' ELSE coalesce(REGEXP_REPLACE(CAST(leads_read.`Company Size` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), '') END AS profile_3_cell, -- "size" (fit) from column "Company Size"
    CASE WHEN translate(coalesce(REGEXP_REPLACE(CAST(leads_read.`country` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CODE_POINTS_TO_STRING([8490]), 'abcdefghijklmnopqrstuvwxyzk') IN ('select', 'n/a') THEN '' ELSE coalesce(REGEXP_REPLACE(CAST(leads_read.`country` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), '') END AS profile_4_cell, -- "country" (fit) from column "country"
    coalesce(REGEXP_REPLACE(CAST(leads_read.`account_id` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), '') AS profile_5_cell, -- "target_account" (fit) from column "account_id"
    CASE WHEN translate(coalesce(REGEXP_REPLACE(CAST(leads_read.`Visits "30d"` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), ''), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CODE_POINTS_TO_STRING([8490]), 'abcdefghijklmnopqrstuvwxyzk') IN ('select', 'n/a') THEN '' ELSE coalesce(REGEXP_REPLACE(CAST(leads_read.`Visits "30d"` AS STRING), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', ''), '') END AS profile_6_cell -- "visits" (pain) from column "Visits \"30d\""
  FROM `crm`.`CRM Leads` AS leads_read
),
-- ISO 8601 text as the runtime's parser accepts it; other text, or an impossible day, stops the query, as the runtime throws.
lead_instant_texts AS (
  SELECT lead_cells.*,
    CASE WHEN NOT REGEXP_CONTAINS(created_at_text, '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.([0-9]{1,9}))?)?[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?(:[0-9]{2})?)?)?)$') THEN ERROR('lead.created_at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || created_at_text)
      WHEN CAST(substr(created_at_text, 6, 2) AS INT64) < 1 OR CAST(substr(created_at_text, 6, 2) AS INT64) > 12 OR CAST(substr(created_at_text, 9, 2) AS INT64) < 1 OR CAST(substr(created_at_text, 9, 2) AS INT64) > CASE WHEN CAST(substr(created_at_text, 6, 2) AS INT64) = 2 THEN CASE WHEN (MOD(CAST(substr(created_at_text, 1, 4) AS INT64), 4) = 0 AND (MOD(CAST(substr(created_at_text, 1, 4) AS INT64), 100) <> 0 OR MOD(CAST(substr(created_at_text, 1, 4) AS INT64), 400) = 0)) THEN 29 ELSE 28 END WHEN CAST(substr(created_at_text, 6, 2) AS INT64) IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN ERROR('lead.created_at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || created_at_text)
      ELSE created_at_text END AS created_at_checked,
    CASE WHEN NOT REGEXP_CONTAINS(as_of_text, '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.([0-9]{1,9}))?)?[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?(:[0-9]{2})?)?)?)$') THEN ERROR('lead.as_of: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || as_of_text)
      WHEN CAST(substr(as_of_text, 6, 2) AS INT64) < 1 OR CAST(substr(as_of_text, 6, 2) AS INT64) > 12 OR CAST(substr(as_of_text, 9, 2) AS INT64) < 1 OR CAST(substr(as_of_text, 9, 2) AS INT64) > CASE WHEN CAST(substr(as_of_text, 6, 2) AS INT64) = 2 THEN CASE WHEN (MOD(CAST(substr(as_of_text, 1, 4) AS INT64), 4) = 0 AND (MOD(CAST(substr(as_of_text, 1, 4) AS INT64), 100) <> 0 OR MOD(CAST(substr(as_of_text, 1, 4) AS INT64), 400) = 0)) THEN 29 ELSE 28 END WHEN CAST(substr(as_of_text, 6, 2) AS INT64) IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN ERROR('lead.as_of: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || as_of_text)
      ELSE as_of_text END AS as_of_checked,
    CASE WHEN NOT REGEXP_CONTAINS(at_text, '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.([0-9]{1,9}))?)?[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?(:[0-9]{2})?)?)?)$') THEN ERROR('at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || at_text)
      WHEN CAST(substr(at_text, 6, 2) AS INT64) < 1 OR CAST(substr(at_text, 6, 2) AS INT64) > 12 OR CAST(substr(at_text, 9, 2) AS INT64) < 1 OR CAST(substr(at_text, 9, 2) AS INT64) > CASE WHEN CAST(substr(at_text, 6, 2) AS INT64) = 2 THEN CASE WHEN (MOD(CAST(substr(at_text, 1, 4) AS INT64), 4) = 0 AND (MOD(CAST(substr(at_text, 1, 4) AS INT64), 100) <> 0 OR MOD(CAST(substr(at_text, 1, 4) AS INT64), 400) = 0)) THEN 29 ELSE 28 END WHEN CAST(substr(at_text, 6, 2) AS INT64) IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN ERROR('at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || at_text)
      ELSE at_text END AS at_checked
  FROM lead_cells
),
-- The zone designator and the digits of the fraction of a second ('' when absent).
lead_instant_parts AS (
  SELECT lead_instant_texts.*,
    REGEXP_REPLACE(created_at_checked, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]*[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*)?', '') AS created_at_zone,
    REGEXP_REPLACE(created_at_checked, '^[^.]*\\.?|[^0-9][^.]*$', '') AS created_at_fraction,
    REGEXP_REPLACE(as_of_checked, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]*[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*)?', '') AS as_of_zone,
    REGEXP_REPLACE(as_of_checked, '^[^.]*\\.?|[^0-9][^.]*$', '') AS as_of_fraction,
    REGEXP_REPLACE(at_checked, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]*[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*)?', '') AS at_zone,
    REGEXP_REPLACE(at_checked, '^[^.]*\\.?|[^0-9][^.]*$', '') AS at_fraction
  FROM lead_instant_texts
),
-- Epoch milliseconds from the digits: days since 1970 of the Gregorian date, the clock, minus the zone offset, plus the fraction rounded as the runtime rounds it (no session time zone takes part).
lead_instants AS (
  SELECT lead_instant_parts.*,
    CAST((floor(CAST((CAST(substr(created_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 146097 + (((CAST(substr(created_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(created_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) * 365 + floor(CAST(((CAST(substr(created_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(created_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) AS FLOAT64) / 4) - floor(CAST(((CAST(substr(created_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(created_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(created_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) AS FLOAT64) / 100) + (floor(CAST(153 * MOD(CAST(substr(created_at_checked, 6, 2) AS INT64) + 9, 12) + 2 AS FLOAT64) / 5) + CAST(substr(created_at_checked, 9, 2) AS INT64) - 1)) - 719468 - 146097) * 86400 + CASE WHEN substr(created_at_checked, 11, 1) <> '' THEN CAST(substr(created_at_checked, 12, 2) AS INT64) * 3600 + CAST(substr(created_at_checked, 15, 2) AS INT64) * 60 + CASE WHEN substr(created_at_checked, 17, 1) = ':' THEN CAST(substr(created_at_checked, 18, 2) AS INT64) ELSE 0 END ELSE 0 END - CASE WHEN created_at_zone LIKE '-%' THEN -1 ELSE 1 END * (coalesce(CAST(NULLIF(substr(replace(created_at_zone, ':', ''), 2, 2), '') AS INT64), 0) * 3600 + coalesce(CAST(NULLIF(substr(replace(created_at_zone, ':', ''), 4, 2), '') AS INT64), 0) * 60 + coalesce(CAST(NULLIF(substr(replace(created_at_zone, ':', ''), 6, 2), '') AS INT64), 0)) AS FLOAT64) * 1000
      + CASE WHEN created_at_fraction = '' THEN 0 ELSE CASE WHEN (CAST('0.' || created_at_fraction AS FLOAT64) * 1000) - floor((CAST('0.' || created_at_fraction AS FLOAT64) * 1000)) >= 0.5 THEN ceil((CAST('0.' || created_at_fraction AS FLOAT64) * 1000)) ELSE floor((CAST('0.' || created_at_fraction AS FLOAT64) * 1000)) END END AS created_at_epoch_ms,
    CAST((floor(CAST((CAST(substr(as_of_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(as_of_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 146097 + (((CAST(substr(as_of_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(as_of_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(as_of_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(as_of_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) * 365 + floor(CAST(((CAST(substr(as_of_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(as_of_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(as_of_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(as_of_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) AS FLOAT64) / 4) - floor(CAST(((CAST(substr(as_of_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(as_of_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(as_of_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(as_of_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) AS FLOAT64) / 100) + (floor(CAST(153 * MOD(CAST(substr(as_of_checked, 6, 2) AS INT64) + 9, 12) + 2 AS FLOAT64) / 5) + CAST(substr(as_of_checked, 9, 2) AS INT64) - 1)) - 719468 - 146097) * 86400 + CASE WHEN substr(as_of_checked, 11, 1) <> '' THEN CAST(substr(as_of_checked, 12, 2) AS INT64) * 3600 + CAST(substr(as_of_checked, 15, 2) AS INT64) * 60 + CASE WHEN substr(as_of_checked, 17, 1) = ':' THEN CAST(substr(as_of_checked, 18, 2) AS INT64) ELSE 0 END ELSE 0 END - CASE WHEN as_of_zone LIKE '-%' THEN -1 ELSE 1 END * (coalesce(CAST(NULLIF(substr(replace(as_of_zone, ':', ''), 2, 2), '') AS INT64), 0) * 3600 + coalesce(CAST(NULLIF(substr(replace(as_of_zone, ':', ''), 4, 2), '') AS INT64), 0) * 60 + coalesce(CAST(NULLIF(substr(replace(as_of_zone, ':', ''), 6, 2), '') AS INT64), 0)) AS FLOAT64) * 1000
      + CASE WHEN as_of_fraction = '' THEN 0 ELSE CASE WHEN (CAST('0.' || as_of_fraction AS FLOAT64) * 1000) - floor((CAST('0.' || as_of_fraction AS FLOAT64) * 1000)) >= 0.5 THEN ceil((CAST('0.' || as_of_fraction AS FLOAT64) * 1000)) ELSE floor((CAST('0.' || as_of_fraction AS FLOAT64) * 1000)) END END AS as_of_epoch_ms,
    CAST((floor(CAST((CAST(substr(at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 146097 + (((CAST(substr(at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) * 365 + floor(CAST(((CAST(substr(at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) AS FLOAT64) / 4) - floor(CAST(((CAST(substr(at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) AS FLOAT64) / 100) + (floor(CAST(153 * MOD(CAST(substr(at_checked, 6, 2) AS INT64) + 9, 12) + 2 AS FLOAT64) / 5) + CAST(substr(at_checked, 9, 2) AS INT64) - 1)) - 719468 - 146097) * 86400 + CASE WHEN substr(at_checked, 11, 1) <> '' THEN CAST(substr(at_checked, 12, 2) AS INT64) * 3600 + CAST(substr(at_checked, 15, 2) AS INT64) * 60 + CASE WHEN substr(at_checked, 17, 1) = ':' THEN CAST(substr(at_checked, 18, 2) AS INT64) ELSE 0 END ELSE 0 END - CASE WHEN at_zone LIKE '-%' THEN -1 ELSE 1 END * (coalesce(CAST(NULLIF(substr(replace(at_zone, ':', ''), 2, 2), '') AS INT64), 0) * 3600 + coalesce(CAST(NULLIF(substr(replace(at_zone, ':', ''), 4, 2), '') AS INT64), 0) * 60 + coalesce(CAST(NULLIF(substr(replace(at_zone, ':', ''), 6, 2), '') AS INT64), 0)) AS FLOAT64) * 1000
      + CASE WHEN at_fraction = '' THEN 0 ELSE CASE WHEN (CAST('0.' || at_fraction AS FLOAT64) * 1000) - floor((CAST('0.' || at_fraction AS FLOAT64) * 1000)) >= 0.5 THEN ceil((CAST('0.' || at_fraction AS FLOAT64) * 1000)) ELSE floor((CAST('0.' || at_fraction AS FLOAT64) * 1000)) END END AS at_epoch_ms
  FROM lead_instant_parts
),
-- Epoch milliseconds of creation and of the scoring moment (as_of, else the parameter @scoring_at).
scoring_moments AS (
  SELECT lead_instants.*,
    created_at_epoch_ms AS created_ms,
    coalesce(as_of_epoch_ms, at_epoch_ms) AS at_ms
  FROM lead_instants
),
-- What the transforms look at: number text without commas and spaces, ASCII-lowercased titles, email domains.
profile_inputs AS (
  SELECT scoring_moments.*,
    translate(profile_1_cell, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CODE_POINTS_TO_STRING([8490]), 'abcdefghijklmnopqrstuvwxyzk') AS profile_1_title,
    CASE WHEN profile_2_cell LIKE '%@%' THEN REGEXP_REPLACE(profile_2_cell, '^([^@]*@)+', '') ELSE '' END AS profile_2_domain,
    REGEXP_REPLACE(replace(replace(profile_3_cell, ',', ''), ' ', ''), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', '') AS profile_3_number_text,
    REGEXP_REPLACE(replace(replace(profile_6_cell, ',', ''), ' ', ''), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', '') AS profile_6_number_text
  FROM scoring_moments
),
-- Numbers as JavaScript's Number() reads them (NULL where it gives NaN).
profile_numbers AS (
  SELECT profile_inputs.*,
    CASE WHEN profile_3_number_text = '' THEN CAST(0 AS FLOAT64) WHEN REGEXP_CONTAINS(profile_3_number_text, '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN CASE WHEN ABS(SAFE_CAST(profile_3_number_text AS FLOAT64)) <= CAST('1.7976931348623157e308' AS FLOAT64) THEN SAFE_CAST(profile_3_number_text AS FLOAT64) END WHEN REGEXP_CONTAINS(profile_3_number_text, '^(?:0[xX]0*[0-9a-fA-F]{1,16}|0[bB]0*[01]{1,64}|0[oO]0*(1[0-7]{21}|[0-7]{1,21}))$') THEN CASE WHEN LOWER(SUBSTR(profile_3_number_text, 2, 1)) = 'x' THEN CAST(SAFE_CAST(CONCAT('0x', SUBSTR(profile_3_number_text, 3)) AS INT64) AS FLOAT64) END END AS profile_3_number,
    CASE WHEN profile_6_number_text = '' THEN CAST(0 AS FLOAT64) WHEN REGEXP_CONTAINS(profile_6_number_text, '^(?:[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?)$') THEN CASE WHEN ABS(SAFE_CAST(profile_6_number_text AS FLOAT64)) <= CAST('1.7976931348623157e308' AS FLOAT64) THEN SAFE_CAST(profile_6_number_text AS FLOAT64) END WHEN REGEXP_CONTAINS(profile_6_number_text, '^(?:0[xX]0*[0-9a-fA-F]{1,16}|0[bB]0*[01]{1,64}|0[oO]0*(1[0-7]{21}|[0-7]{1,21}))$') THEN CASE WHEN LOWER(SUBSTR(profile_6_number_text, 2, 1)) = 'x' THEN CAST(SAFE_CAST(CONCAT('0x', SUBSTR(profile_6_number_text, 3)) AS INT64) AS FLOAT64) END END AS profile_6_number
  FROM profile_inputs
),
-- Each feature's value: the runtime's category levels, bands, email type, seniority, target account.
profile_values AS (
  SELECT profile_numbers.*,
    CASE WHEN profile_1_cell = '' THEN '(missing)' WHEN REGEXP_CONTAINS(profile_1_title, '(^|[^A-Za-z0-9_])(ceo|cto|cfo|coo|cmo|cio|cro|cpo|chief|founder|co-founder|owner|president|partner)([^A-Za-z0-9_]|$)') THEN 'c-level' WHEN REGEXP_CONTAINS(profile_1_title, '(^|[^A-Za-z0-9_])(vp|svp|evp|vice[- ]president|head of)([^A-Za-z0-9_]|$)') THEN 'vp' WHEN REGEXP_CONTAINS(profile_1_title, '(^|[^A-Za-z0-9_])(director|directeur|diretor)([^A-Za-z0-9_]|$)') THEN 'director' WHEN REGEXP_CONTAINS(profile_1_title, '(^|[^A-Za-z0-9_])(manager|lead|supervisor|gerente)([^A-Za-z0-9_]|$)') THEN 'manager' WHEN REGEXP_CONTAINS(profile_1_title, '(^|[^A-Za-z0-9_])(student|intern|trainee|retired|unemployed|none)([^A-Za-z0-9_]|$)') THEN 'student-other' ELSE 'individual' END AS profile_1_value,
    CASE WHEN profile_2_domain = '' THEN '(missing)' WHEN translate(profile_2_domain, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' || CODE_POINTS_TO_STRING([8490]), 'abcdefghijklmnopqrstuvwxyzk') IN ('gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'hotmail.com', 'hotmail.co.uk', 'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'yandex.ru', 'yandex.com', 'mail.ru', 'qq.com', '163.com', '126.com', 'zoho.com', 'fastmail.com', 'hey.com', 'orange.fr', 'free.fr', 'laposte.net', 'libero.it', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'rediffmail.com') THEN 'free-mail' ELSE 'business' END AS profile_2_value,
    CASE WHEN profile_3_cell = '' OR profile_3_number IS NULL THEN '(missing)' WHEN profile_3_number <= CAST('10' AS FLOAT64) THEN '(-inf, 10]' WHEN profile_3_number <= CAST('50' AS FLOAT64) THEN '(10, 50]' WHEN profile_3_number <= CAST('200' AS FLOAT64) THEN '(50, 200]' WHEN profile_3_number <= CAST('1000' AS FLOAT64) THEN '(200, 1000]' WHEN profile_3_number <= CAST('5000' AS FLOAT64) THEN '(1000, 5000]' ELSE '(5000, inf)' END AS profile_3_value,
    CASE WHEN profile_4_cell = '' THEN '(missing)' WHEN profile_4_cell IN ('US', 'DE', 'Côte d\'Ivoire') THEN profile_4_cell ELSE '(other)' END AS profile_4_value,
    CASE WHEN profile_5_cell <> '' AND lower(replace(profile_5_cell, CODE_POINTS_TO_STRING([304]), 'i' || CODE_POINTS_TO_STRING([775]))) IN ('acme', 'key co', 'ünïcode gmbh', '') THEN 'yes' ELSE 'no' END AS profile_5_value,
    CASE WHEN profile_6_cell = '' OR profile_6_number IS NULL THEN '(missing)' WHEN profile_6_number <= CAST('0.5' AS FLOAT64) THEN '(-inf, 0.5]' WHEN profile_6_number <= CAST('2' AS FLOAT64) THEN '(0.5, 2]' WHEN profile_6_number <= CAST('5' AS FLOAT64) THEN '(2, 5]' ELSE '(5, inf)' END AS profile_6_value
  FROM profile_numbers
),
-- Points per profile value (kept rules); FIT from fit features, PAIN from behaviour columns.
profile_points AS (
  SELECT profile_values.*,
    CASE profile_1_value WHEN 'c-level' THEN 9 WHEN 'vp' THEN 7 WHEN 'director' THEN 5 WHEN 'manager' THEN 3 WHEN 'student-other' THEN (-6) WHEN '(missing)' THEN (-1) ELSE 0 END
      + CASE profile_2_value WHEN 'business' THEN 4 WHEN 'free-mail' THEN (-3) WHEN '(missing)' THEN (-5) ELSE 0 END
      + CASE profile_3_value WHEN '(-inf, 10]' THEN (-2) WHEN '(50, 200]' THEN 2 WHEN '(1000, 5000]' THEN 5 WHEN '(5000, inf)' THEN 8 WHEN '(missing)' THEN (-4) ELSE 0 END
      + CASE profile_4_value WHEN 'DE' THEN 1 WHEN 'Côte d\'Ivoire' THEN 2 WHEN '(other)' THEN (-1) WHEN '(missing)' THEN (-2) ELSE 0 END
      + CASE profile_5_value WHEN 'yes' THEN 6 ELSE 0 END AS fit_before_cap,
    CASE profile_6_value WHEN '(-inf, 0.5]' THEN (-1) WHEN '(0.5, 2]' THEN 1 WHEN '(5, inf)' THEN 3 ELSE 0 END AS profile_pain
  FROM profile_values
),
-- FIT capped at 20, so that profile alone does not make a lead SDR-ready.
fit_cap AS (
  SELECT profile_points.*, CASE WHEN fit_before_cap > 20 THEN 20 ELSE fit_before_cap END AS fit
  FROM profile_points
),
-- Every event: any action counts as activity for the exit and inactivity rules.
event_rows AS (
  SELECT `lead_id` AS lead_id, `action` AS action, REGEXP_REPLACE(NULLIF(CAST(`when` AS STRING), ''), '^[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+|[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]+$', '') AS occurred_at_text
  FROM `crm`.`activity`
),
-- ISO 8601 text as the runtime's parser accepts it; other text, or an impossible day, stops the query, as the runtime throws.
event_instant_texts AS (
  SELECT event_rows.*,
    CASE WHEN NOT REGEXP_CONTAINS(occurred_at_text, '^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.([0-9]{1,9}))?)?[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?(:[0-9]{2})?)?)?)$') THEN ERROR('event.occurred_at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || occurred_at_text)
      WHEN CAST(substr(occurred_at_text, 6, 2) AS INT64) < 1 OR CAST(substr(occurred_at_text, 6, 2) AS INT64) > 12 OR CAST(substr(occurred_at_text, 9, 2) AS INT64) < 1 OR CAST(substr(occurred_at_text, 9, 2) AS INT64) > CASE WHEN CAST(substr(occurred_at_text, 6, 2) AS INT64) = 2 THEN CASE WHEN (MOD(CAST(substr(occurred_at_text, 1, 4) AS INT64), 4) = 0 AND (MOD(CAST(substr(occurred_at_text, 1, 4) AS INT64), 100) <> 0 OR MOD(CAST(substr(occurred_at_text, 1, 4) AS INT64), 400) = 0)) THEN 29 ELSE 28 END WHEN CAST(substr(occurred_at_text, 6, 2) AS INT64) IN (4, 6, 9, 11) THEN 30 ELSE 31 END THEN ERROR('event.occurred_at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got ' || occurred_at_text)
      ELSE occurred_at_text END AS occurred_at_checked
  FROM event_rows
),
-- The zone designator and the digits of the fraction of a second ('' when absent).
event_instant_parts AS (
  SELECT event_instant_texts.*,
    REGEXP_REPLACE(occurred_at_checked, '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]*[\\x{09}\\x{0A}\\x{0B}\\x{0C}\\x{0D} \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*)?', '') AS occurred_at_zone,
    REGEXP_REPLACE(occurred_at_checked, '^[^.]*\\.?|[^0-9][^.]*$', '') AS occurred_at_fraction
  FROM event_instant_texts
),
-- Epoch milliseconds from the digits: days since 1970 of the Gregorian date, the clock, minus the zone offset, plus the fraction rounded as the runtime rounds it (no session time zone takes part).
event_instants AS (
  SELECT event_instant_parts.*,
    CAST((floor(CAST((CAST(substr(occurred_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 146097 + (((CAST(substr(occurred_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(occurred_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) * 365 + floor(CAST(((CAST(substr(occurred_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(occurred_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) AS FLOAT64) / 4) - floor(CAST(((CAST(substr(occurred_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) - floor(CAST((CAST(substr(occurred_at_checked, 1, 4) AS INT64) + 400 - CASE WHEN CAST(substr(occurred_at_checked, 6, 2) AS INT64) <= 2 THEN 1 ELSE 0 END) AS FLOAT64) / 400) * 400) AS FLOAT64) / 100) + (floor(CAST(153 * MOD(CAST(substr(occurred_at_checked, 6, 2) AS INT64) + 9, 12) + 2 AS FLOAT64) / 5) + CAST(substr(occurred_at_checked, 9, 2) AS INT64) - 1)) - 719468 - 146097) * 86400 + CASE WHEN substr(occurred_at_checked, 11, 1) <> '' THEN CAST(substr(occurred_at_checked, 12, 2) AS INT64) * 3600 + CAST(substr(occurred_at_checked, 15, 2) AS INT64) * 60 + CASE WHEN substr(occurred_at_checked, 17, 1) = ':' THEN CAST(substr(occurred_at_checked, 18, 2) AS INT64) ELSE 0 END ELSE 0 END - CASE WHEN occurred_at_zone LIKE '-%' THEN -1 ELSE 1 END * (coalesce(CAST(NULLIF(substr(replace(occurred_at_zone, ':', ''), 2, 2), '') AS INT64), 0) * 3600 + coalesce(CAST(NULLIF(substr(replace(occurred_at_zone, ':', ''), 4, 2), '') AS INT64), 0) * 60 + coalesce(CAST(NULLIF(substr(replace(occurred_at_zone, ':', ''), 6, 2), '') AS INT64), 0)) AS FLOAT64) * 1000
      + CASE WHEN occurred_at_fraction = '' THEN 0 ELSE CASE WHEN (CAST('0.' || occurred_at_fraction AS FLOAT64) * 1000) - floor((CAST('0.' || occurred_at_fraction AS FLOAT64) * 1000)) >= 0.5 THEN ceil((CAST('0.' || occurred_at_fraction AS FLOAT64) * 1000)) ELSE floor((CAST('0.' || occurred_at_fraction AS FLOAT64) * 1000)) END END AS occurred_at_epoch_ms
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
-- Time since the lead's previous activity, for each event.
exit_gaps AS (
  SELECT events_before_moment.*,
    occurred_ms - lag(occurred_ms) OVER (PARTITION BY lead_id ORDER BY occurred_ms) AS gap_ms
  FROM events_before_moment
),
-- Exit after 30 days: actions before the last longer gap no longer count (episode_start_ms NULL: no such gap).
exit_episodes AS (
  SELECT exit_gaps.*,
    max(CASE WHEN gap_ms > CAST('2592000000' AS FLOAT64) THEN occurred_ms END) OVER (PARTITION BY lead_id) AS episode_start_ms
  FROM exit_gaps
),
-- Per lead: the latest event, and each kept action's latest counted occurrence (NULL: not counted). Repeats count once.
counted_actions AS (
  SELECT lead_id,
    max(occurred_ms) AS latest_event_ms,
    max(CASE WHEN action = 'demo_request' AND (episode_start_ms IS NULL OR occurred_ms >= episode_start_ms) THEN occurred_ms END) AS action_1_last_ms, -- "demo_request"
    max(CASE WHEN action = 'pricing page view' AND (episode_start_ms IS NULL OR occurred_ms >= episode_start_ms) THEN occurred_ms END) AS action_2_last_ms, -- "pricing page view"
    max(CASE WHEN action = 'o\'reilly_download' AND (episode_start_ms IS NULL OR occurred_ms >= episode_start_ms) THEN occurred_ms END) AS action_3_last_ms, -- "o'reilly_download"
    max(CASE WHEN action = 'unsubscribe' AND (episode_start_ms IS NULL OR occurred_ms >= episode_start_ms) THEN occurred_ms END) AS action_4_last_ms -- "unsubscribe"
  FROM exit_episodes
  GROUP BY lead_id
),
-- Last activity: the latest event of any kind, or creation (NULL: neither).
last_activity AS (
  SELECT *,
    greatest(coalesce(created_ms, latest_event_ms), coalesce(latest_event_ms, created_ms)) AS last_activity_ms
  FROM (SELECT fit_cap.*, counted_actions.latest_event_ms, counted_actions.action_1_last_ms, counted_actions.action_2_last_ms, counted_actions.action_3_last_ms, counted_actions.action_4_last_ms FROM fit_cap LEFT JOIN counted_actions ON fit_cap.lead_id = counted_actions.lead_id) AS activity
),
-- Positive points fade: points × 0.5^(age / half-life), age from the latest counted occurrence.
decayed_actions AS (
  SELECT last_activity.*,
    20 * CASE WHEN (at_ms - action_1_last_ms) / CAST('864000000' AS FLOAT64) >= 1075 THEN CAST(0 AS FLOAT64) ELSE POW(CAST('0.5' AS FLOAT64), (at_ms - action_1_last_ms) / CAST('864000000' AS FLOAT64)) END AS action_1_decayed, -- "demo_request": half-life 10 days
    10 * CASE WHEN (at_ms - action_2_last_ms) / CAST('216000000' AS FLOAT64) >= 1075 THEN CAST(0 AS FLOAT64) ELSE POW(CAST('0.5' AS FLOAT64), (at_ms - action_2_last_ms) / CAST('216000000' AS FLOAT64)) END AS action_2_decayed -- "pricing page view": half-life 2.5 days
  FROM last_activity
),
-- Each kept action's points, once (0 when not counted); decayed points rounded to a tenth as the runtime does.
kept_action_points AS (
  SELECT decayed_actions.*,
    CASE WHEN action_1_last_ms IS NULL THEN 0 ELSE CASE WHEN action_1_decayed * 10 >= -0.5 AND action_1_decayed * 10 < 0.5 THEN CAST(0 AS FLOAT64) ELSE (CASE WHEN action_1_decayed * 10 - floor(action_1_decayed * 10) >= 0.5 THEN ceil(action_1_decayed * 10) ELSE floor(action_1_decayed * 10) END) / 10 END END AS action_1_points, -- "demo_request"
    CASE WHEN action_2_last_ms IS NULL THEN 0 ELSE CASE WHEN action_2_decayed * 10 >= -0.5 AND action_2_decayed * 10 < 0.5 THEN CAST(0 AS FLOAT64) ELSE (CASE WHEN action_2_decayed * 10 - floor(action_2_decayed * 10) >= 0.5 THEN ceil(action_2_decayed * 10) ELSE floor(action_2_decayed * 10) END) / 10 END END AS action_2_points, -- "pricing page view"
    CASE WHEN action_3_last_ms IS NULL THEN 0 ELSE 7 END AS action_3_points, -- "o'reilly_download"
    CASE WHEN action_4_last_ms IS NULL THEN 0 ELSE (-8) END AS action_4_points -- "unsubscribe"
  FROM decayed_actions
),
-- Action points: the sum, in model order; none once the lead has been quiet longer than the exit.
action_points AS (
  SELECT kept_action_points.*,
    CASE WHEN at_ms - last_activity_ms > CAST('2592000000' AS FLOAT64) THEN 0 ELSE action_1_points + action_2_points + action_3_points + action_4_points END AS action_points
  FROM kept_action_points
),
-- Inactivity: -5 points once the last activity is 14 days old or more.
inactivity_penalty AS (
  SELECT action_points.*, CASE WHEN last_activity_ms IS NOT NULL AND at_ms - last_activity_ms >= CAST('1209600000' AS FLOAT64) THEN (-5) ELSE 0 END AS inactivity_points
  FROM action_points
),
-- Velocity: 4 points while action points per day since creation (at least one day) reach 3.
velocity_points AS (
  SELECT inactivity_penalty.*,
    CASE WHEN created_ms IS NOT NULL AND at_ms > created_ms
      AND CAST(action_points AS FLOAT64) / (CASE WHEN (at_ms - created_ms) / 86400000 > 1 THEN (at_ms - created_ms) / 86400000 ELSE 1 END) >= CAST('3' AS FLOAT64)
    THEN 4 ELSE 0 END AS velocity_points
  FROM inactivity_penalty
),
-- PAIN before rounding, added in the runtime's order.
unrounded_pain AS (
  SELECT velocity_points.*,
    CAST(profile_pain AS FLOAT64) + action_points + inactivity_points + velocity_points.velocity_points AS pain_sum
  FROM velocity_points
),
-- PAIN rounded to a tenth (Math.round: ties up).
pain AS (
  SELECT unrounded_pain.*,
    CASE WHEN pain_sum * 10 >= -0.5 AND pain_sum * 10 < 0.5 THEN CAST(0 AS FLOAT64) ELSE (CASE WHEN pain_sum * 10 - floor(pain_sum * 10) >= 0.5 THEN ceil(pain_sum * 10) ELSE floor(pain_sum * 10) END) / 10 END AS pain
  FROM unrounded_pain
),
-- Score = FIT + PAIN, before rounding.
unrounded_score AS (
  SELECT pain.*,
    CAST(fit AS FLOAT64) + pain.pain AS score_sum
  FROM pain
),
-- Score rounded to a tenth.
score AS (
  SELECT unrounded_score.*,
    CASE WHEN score_sum * 10 >= -0.5 AND score_sum * 10 < 0.5 THEN CAST(0 AS FLOAT64) ELSE (CASE WHEN score_sum * 10 - floor(score_sum * 10) >= 0.5 THEN ceil(score_sum * 10) ELSE floor(score_sum * 10) END) / 10 END AS score
  FROM unrounded_score
),
-- Close probability: the calibration curve, interpolated linearly between its points, clipped at its ends.
probability AS (
  SELECT score.*,
    CASE WHEN score.score <= CAST('-10' AS FLOAT64) THEN CAST('0' AS FLOAT64)
      WHEN score.score >= CAST('60' AS FLOAT64) THEN CAST('0.3' AS FLOAT64)
      WHEN score.score < CAST('0' AS FLOAT64) THEN CAST('0' AS FLOAT64) + ((score.score - CAST('-10' AS FLOAT64)) / (CAST('0' AS FLOAT64) - CAST('-10' AS FLOAT64))) * (CAST('0.02' AS FLOAT64) - CAST('0' AS FLOAT64))
      WHEN score.score < CAST('30' AS FLOAT64) THEN CAST('0.02' AS FLOAT64) + ((score.score - CAST('0' AS FLOAT64)) / (CAST('30' AS FLOAT64) - CAST('0' AS FLOAT64))) * (CAST('0.12' AS FLOAT64) - CAST('0.02' AS FLOAT64))
      ELSE CAST('0.12' AS FLOAT64) + ((score.score - CAST('30' AS FLOAT64)) / (CAST('60' AS FLOAT64) - CAST('30' AS FLOAT64))) * (CAST('0.3' AS FLOAT64) - CAST('0.12' AS FLOAT64))
      END AS probability
  FROM score
)
SELECT
  probability.lead_id,
  probability.account_id,
  probability.score,
  CAST(probability.fit AS FLOAT64) AS fit,
  probability.pain,
  probability.probability,
  probability.score >= CAST('30' AS FLOAT64) AS sdr_ready
FROM probability
