-- One row per region and UA: docs/DESIGN.md's tally columns, kept equal to the latest committed tally.
CREATE TABLE region_tallies (
    region      TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    deported    BIGINT      NOT NULL CHECK (deported >= 0),
    returned    BIGINT      NOT NULL CHECK (returned >= 0 AND returned <= deported),
    outstanding BIGINT      NOT NULL CHECK (outstanding = deported - returned),
    updated_at  TIMESTAMPTZ
);

-- Where the sink is on reunification.totals: written in the same transaction as the rows, so that a crash at any
-- moment neither loses nor repeats a change.
CREATE TABLE sink_offsets (
    topic       TEXT        NOT NULL,
    partition   INTEGER     NOT NULL,
    next_offset BIGINT      NOT NULL,
    written_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);
