-- Every change of every tally, in the order the totals topic holds them, so that totals can be charted over time.
-- The source coordinates are the key: a change can be in the history once only.
CREATE TABLE region_tally_history (
    source_partition INTEGER     NOT NULL,
    source_offset    BIGINT      NOT NULL,
    region           TEXT        NOT NULL,
    deported         BIGINT      NOT NULL,
    returned         BIGINT      NOT NULL,
    outstanding      BIGINT      NOT NULL,
    updated_at       TIMESTAMPTZ,
    PRIMARY KEY (source_partition, source_offset)
);

CREATE INDEX region_tally_history_by_region_and_time ON region_tally_history (region, updated_at);
