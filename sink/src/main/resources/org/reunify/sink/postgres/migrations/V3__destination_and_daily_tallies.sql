-- One row per destination (rule 7), kept equal to the latest committed tally on reunification.destinations.
CREATE TABLE destination_tallies (
    destination TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    deported    BIGINT      NOT NULL CHECK (deported >= 0),
    returned    BIGINT      NOT NULL CHECK (returned >= 0 AND returned <= deported),
    outstanding BIGINT      NOT NULL CHECK (outstanding = deported - returned),
    updated_at  TIMESTAMPTZ
);

-- Each region's tally at the end of every Kyiv day on which it changed, from reunification.totals.daily: a reader
-- carries a region's figures forward over the days it has no row for.
CREATE TABLE region_tallies_daily (
    day         DATE        NOT NULL,
    region      TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    deported    BIGINT      NOT NULL CHECK (deported >= 0),
    returned    BIGINT      NOT NULL CHECK (returned >= 0 AND returned <= deported),
    outstanding BIGINT      NOT NULL CHECK (outstanding = deported - returned),
    updated_at  TIMESTAMPTZ,
    PRIMARY KEY (region, day)
);

CREATE INDEX region_tallies_daily_by_day ON region_tallies_daily (day);
