-- Rule 8's timeline, from reunification.timeline: for each region (and UA) and month, the counted cases taken then
-- and the returned ones returned then. A month with no case has no row; 'UNKNOWN' is the month taken of the cases
-- whose region a return decides.
CREATE TABLE region_timeline (
    region   TEXT   NOT NULL,
    month    TEXT   NOT NULL CHECK (month = 'UNKNOWN' OR month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    name     TEXT   NOT NULL,
    taken    BIGINT NOT NULL CHECK (taken >= 0),
    returned BIGINT NOT NULL CHECK (returned >= 0),
    PRIMARY KEY (region, month)
);

CREATE INDEX region_timeline_by_month ON region_timeline (month);
