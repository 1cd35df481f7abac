-- trolyso: the province's table of commune counts, and its views.
-- Run once on the province's PostgreSQL (psql -f sql/schema.sql); running it
-- again changes nothing. Each commune pushes with `trolyso report push`
-- (or hands over the CSV of `--csv FILE`, loaded with
-- \copy trolyso_counts (province_code, commune_code, period, metric, breakdown,
--   value, suppressed, machine_id, dataset_hash) FROM 'file.csv' CSV HEADER).
--
-- One row is one number of one commune's report for one period:
--   period     '2026-11' for a month, '2026-11-03..2026-11-20' for a range
--   metric     started, filed, done, paused, cancelled, residents_helped,
--              cases_worked, filed_by_level, full_share_pct, vneid_accounts,
--              stop_reasons, waiting_now, median_days_to_file, next_visits
--   breakdown  '' for the total, else kind:value — procedure:<id>,
--              level:toan_trinh|mot_phan|huong_dan|chua_ro,
--              stage:prepared|registered|activated, reason:<reason>,
--              status:needs_more, due:overdue|within_7_days|later|no_date
--   value      NULL when suppressed: fewer than 5 cases stand behind it
-- Nothing here names a person or a helper.

CREATE TABLE IF NOT EXISTS trolyso_counts (
    province_code integer NOT NULL,
    commune_code  integer NOT NULL,
    period        text    NOT NULL,
    metric        text    NOT NULL,
    breakdown     text    NOT NULL DEFAULT '',
    value         bigint,
    suppressed    boolean NOT NULL DEFAULT false,
    machine_id    text    NOT NULL,
    dataset_hash  text    NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (commune_code, period, metric, breakdown),
    CHECK (suppressed = (value IS NULL))
);

CREATE INDEX IF NOT EXISTS trolyso_counts_province_period
    ON trolyso_counts (province_code, period, metric);

-- Counts that add up (not shares or medians).
CREATE OR REPLACE VIEW trolyso_additive AS
SELECT * FROM trolyso_counts
WHERE metric NOT IN ('full_share_pct', 'median_days_to_file');

-- Each commune's totals, one row per commune, period and metric.
CREATE OR REPLACE VIEW trolyso_by_commune AS
SELECT province_code, commune_code, period, metric, value, suppressed
FROM trolyso_counts
WHERE breakdown = '';

-- The province's totals: every commune and every metric in one query.
-- communes_suppressed says how many communes' small counts are left out.
CREATE OR REPLACE VIEW trolyso_province_totals AS
SELECT province_code, period, metric, breakdown,
       SUM(value)                             AS value,
       COUNT(*)                               AS communes,
       COUNT(*) FILTER (WHERE suppressed)     AS communes_suppressed
FROM trolyso_additive
GROUP BY province_code, period, metric, breakdown;

-- By procedure: started, filed, done, paused, cancelled.
CREATE OR REPLACE VIEW trolyso_by_procedure AS
SELECT province_code, period, metric,
       substr(breakdown, length('procedure:') + 1) AS procedure,
       SUM(value) AS value, COUNT(*) AS communes
FROM trolyso_counts
WHERE breakdown LIKE 'procedure:%'
GROUP BY province_code, period, metric, breakdown;

-- By reason: why visits stopped, and what cases wait for now.
CREATE OR REPLACE VIEW trolyso_by_reason AS
SELECT province_code, commune_code, period, metric,
       substr(breakdown, strpos(breakdown, ':') + 1) AS reason,
       value, suppressed
FROM trolyso_counts
WHERE metric IN ('stop_reasons', 'waiting_now') AND breakdown <> '';

-- The full-process share of filed cases, recomputed from the counts (a
-- share of shares would be wrong).
CREATE OR REPLACE VIEW trolyso_full_share AS
SELECT province_code, period,
       SUM(value) FILTER (WHERE breakdown = 'level:toan_trinh') AS full_process,
       SUM(value) FILTER (WHERE breakdown IN ('level:toan_trinh', 'level:mot_phan')) AS filed_online,
       ROUND(100.0 * SUM(value) FILTER (WHERE breakdown = 'level:toan_trinh')
             / NULLIF(SUM(value) FILTER (WHERE breakdown IN ('level:toan_trinh', 'level:mot_phan')), 0), 1)
             AS full_share_pct
FROM trolyso_counts
WHERE metric = 'filed_by_level'
GROUP BY province_code, period;

-- Month over month, per commune and metric (months only).
CREATE OR REPLACE VIEW trolyso_month_over_month AS
SELECT province_code, commune_code, metric, period, value,
       value - LAG(value) OVER (PARTITION BY commune_code, metric ORDER BY period) AS change
FROM trolyso_by_commune
WHERE period ~ '^[0-9]{4}-[0-9]{2}$';
