-- 001_schema.sql: the ledger (台账). Reference data (policy, calendar, provinces, counties,
-- experts), rounds and their results, published memberships with their history, the change log.
-- Every name lives in schema advmatch. docs/database.md explains each table.

CREATE SCHEMA advmatch;

-- One row. `version` is bumped by every transaction that changes reference data or published
-- groups; that UPDATE also serialises those writers. A row changed by such a transaction records
-- the version in its `changed` (or added_version / ended_version) column, so "what changed since
-- a round read version V" is a comparison.
CREATE TABLE advmatch.ledger (
    id integer PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL DEFAULT 0 CHECK (version >= 0)
);
INSERT INTO advmatch.ledger (id, version) VALUES (1, 0);

CREATE TABLE advmatch.policy (
    id integer PRIMARY KEY CHECK (id = 1),
    size_min integer NOT NULL, size_target integer NOT NULL, size_max integer NOT NULL,
    local_min integer NOT NULL, local_max integer NOT NULL,
    pairing_min integer NOT NULL, pairing_max integer NOT NULL,
    max_same_org integer NOT NULL CHECK (max_same_org >= 1),
    pen_leader integer NOT NULL CHECK (pen_leader >= 0),
    pen_size integer NOT NULL CHECK (pen_size >= 0),
    pen_local integer NOT NULL CHECK (pen_local >= 0),
    pen_pairing integer NOT NULL CHECK (pen_pairing >= 0),
    pen_industry integer NOT NULL CHECK (pen_industry >= 0),
    pen_stage integer NOT NULL CHECK (pen_stage >= 0),
    pen_over_target integer NOT NULL CHECK (pen_over_target >= 0),
    pen_change integer NOT NULL CHECK (pen_change >= 0),
    preference_bonus integer NOT NULL CHECK (preference_bonus >= 0),
    changed bigint NOT NULL DEFAULT 0,
    CHECK (0 <= size_min AND size_min <= size_target AND size_target <= size_max AND size_max >= 1),
    CHECK (0 <= local_min AND local_min <= local_max),
    CHECK (0 <= pairing_min AND pairing_min <= pairing_max)
);
INSERT INTO advmatch.policy VALUES (1, 8, 10, 12, 1, 2, 1, 2, 3, 1000, 100, 100, 100, 50, 30, 4,
                                    20, 2, 0);

-- The meeting calendar (at most one). NULL lists: the official lists advmatch ships for `year`.
CREATE TABLE advmatch.calendar (
    id integer PRIMARY KEY CHECK (id = 1),
    year integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
    holidays date[],
    workdays date[],
    h1_from date NOT NULL, h1_to date NOT NULL, h2_from date NOT NULL, h2_to date NOT NULL,
    meetings_per_half integer NOT NULL CHECK (meetings_per_half BETWEEN 1 AND 6),
    max_per_province_per_day integer NOT NULL CHECK (max_per_province_per_day >= 1),
    min_attendance double precision NOT NULL CHECK (min_attendance BETWEEN 0 AND 1),
    plan_early_summary_late boolean NOT NULL,
    CHECK (h1_from <= h1_to AND h1_to < h2_from AND h2_from <= h2_to)
);

CREATE TABLE advmatch.province (
    code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name text NOT NULL CHECK (name <> ''),
    region text NOT NULL CHECK (region IN ('east', 'central', 'west', 'northeast')),
    changed bigint NOT NULL DEFAULT 0
);

-- East-west cooperation: `province` is helped by the eastern province `partner`.
CREATE TABLE advmatch.province_partner (
    province text NOT NULL REFERENCES advmatch.province ON DELETE CASCADE,
    partner text NOT NULL REFERENCES advmatch.province,
    PRIMARY KEY (province, partner),
    CHECK (province <> partner)
);

CREATE TABLE advmatch.county (
    id text PRIMARY KEY CHECK (id ~ '^[0-9]{6}$'),
    name text NOT NULL CHECK (name <> ''),
    province text NOT NULL REFERENCES advmatch.province,
    stages text[] NOT NULL DEFAULT '{}' CHECK (stages <@ ARRAY['production', 'processing',
        'preservation', 'storage_transport', 'branding']),
    priority integer NOT NULL DEFAULT 1 CHECK (priority >= 1),
    digest text NOT NULL DEFAULT '',    -- hash of the record as imported, its lists included
    changed bigint NOT NULL DEFAULT 0,
    CHECK (left(id, 2) = province)
);
CREATE INDEX county_province ON advmatch.county (province);

CREATE TABLE advmatch.county_industry (
    county text NOT NULL REFERENCES advmatch.county ON DELETE CASCADE,
    pos integer NOT NULL CHECK (pos >= 0),          -- order in the input
    field text NOT NULL CHECK (field <> ''),
    weight integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 3),
    PRIMARY KEY (county, field),
    UNIQUE (county, pos)
);

CREATE TABLE advmatch.county_blackout (
    county text NOT NULL REFERENCES advmatch.county ON DELETE CASCADE,
    pos integer NOT NULL CHECK (pos >= 0),
    from_date date NOT NULL,
    to_date date NOT NULL CHECK (to_date >= from_date),
    PRIMARY KEY (county, pos)
);

CREATE TABLE advmatch.expert (
    id text PRIMARY KEY CHECK (id <> ''),
    name text NOT NULL CHECK (name <> ''),
    level text NOT NULL CHECK (level IN ('national', 'provincial', 'local')),
    org text NOT NULL CHECK (org <> ''),
    province text NOT NULL REFERENCES advmatch.province,
    county text REFERENCES advmatch.county,          -- home county
    stages text[] NOT NULL DEFAULT '{}' CHECK (stages <@ ARRAY['production', 'processing',
        'preservation', 'storage_transport', 'branding']),
    capacity integer NOT NULL DEFAULT 1 CHECK (capacity >= 0),
    leader_capacity integer NOT NULL DEFAULT 1 CHECK (leader_capacity >= 0),
    active boolean NOT NULL DEFAULT true,
    digest text NOT NULL DEFAULT '',    -- hash of the record as imported, its lists included
    changed bigint NOT NULL DEFAULT 0,
    CHECK (level <> 'local' OR county IS NOT NULL),
    CHECK (county IS NULL OR left(county, 2) = province)
);
CREATE INDEX expert_province ON advmatch.expert (province);

-- Contact data: national staff only (no policy grants it to coordinators). Not in the instance
-- format, so `db import` leaves it alone.
CREATE TABLE advmatch.expert_contact (
    expert text PRIMARY KEY REFERENCES advmatch.expert ON DELETE CASCADE,
    phone text,
    email text
);

CREATE TABLE advmatch.expert_field (
    expert text NOT NULL REFERENCES advmatch.expert ON DELETE CASCADE,
    field text NOT NULL CHECK (field <> ''),
    PRIMARY KEY (expert, field)
);

CREATE TABLE advmatch.expert_unavailable (
    expert text NOT NULL REFERENCES advmatch.expert ON DELETE CASCADE,
    pos integer NOT NULL CHECK (pos >= 0),
    from_date date NOT NULL,
    to_date date NOT NULL CHECK (to_date >= from_date),
    PRIMARY KEY (expert, pos)
);

-- Relations between counties and experts.
CREATE TABLE advmatch.expert_decline (          -- absolute: never a member there
    expert text NOT NULL REFERENCES advmatch.expert ON DELETE CASCADE,
    county text NOT NULL REFERENCES advmatch.county ON DELETE CASCADE,
    PRIMARY KEY (expert, county)
);
CREATE TABLE advmatch.expert_prefers (          -- the expert's wish
    expert text NOT NULL REFERENCES advmatch.expert ON DELETE CASCADE,
    county text NOT NULL REFERENCES advmatch.county ON DELETE CASCADE,
    PRIMARY KEY (expert, county)
);
CREATE TABLE advmatch.county_prefers (          -- the county's wish
    county text NOT NULL REFERENCES advmatch.county ON DELETE CASCADE,
    expert text NOT NULL REFERENCES advmatch.expert ON DELETE CASCADE,
    PRIMARY KEY (county, expert)
);
CREATE TABLE advmatch.county_recommended (      -- the local members the county recommends
    county text NOT NULL REFERENCES advmatch.county ON DELETE CASCADE,
    expert text NOT NULL REFERENCES advmatch.expert ON DELETE CASCADE,
    PRIMARY KEY (county, expert)
);

-- Meetings already held or fixed (the instance's meetings[]).
CREATE TABLE advmatch.fixed_meeting (
    county text NOT NULL REFERENCES advmatch.county ON DELETE CASCADE,
    date date NOT NULL,
    mode text NOT NULL CHECK (mode IN ('onsite', 'video')),
    PRIMARY KEY (county, date)
);

-- A matching round: a request (status queued) until a worker takes it.
CREATE TABLE advmatch.round (
    id bigserial PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('quarterly', 'preview', 'nightly')),
    provinces text[] NOT NULL DEFAULT '{}',   -- scope by province (preview: exactly one)
    counties text[] NOT NULL DEFAULT '{}',    -- scope by county (quarterly --counties)
    params jsonb NOT NULL DEFAULT '{}',       -- time_limit_s, gap, max_changes
    requester text NOT NULL DEFAULT current_user,
    status text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz,
    worker text,                              -- "host:pid" of the process running it
    lease_until timestamptz,                  -- a running round whose lease ran out is free again
    attempts integer NOT NULL DEFAULT 0,
    cancel_requested boolean NOT NULL DEFAULT false,
    error text,
    read_version bigint,                      -- ledger version of the snapshot it read
    solver_status text CHECK (solver_status IN ('optimal', 'feasible', 'time_limit', 'interrupted')),
    objective bigint,
    bound double precision,
    gap double precision,
    n_counties integer,
    n_members integer,
    n_changes integer,
    load_ms integer, solve_ms integer, write_ms integer,
    published_at timestamptz,                 -- quarterly and nightly: when written; preview:
    published_version bigint,                 --   when `round publish` made it the groups
    input text COMPRESSION lz4,               -- the advmatch-instance/1 document it solved
                                              -- (MBs for a national round: lz4 is fast)
    CHECK (kind <> 'preview' OR cardinality(provinces) = 1),
    CHECK (status <> 'running' OR (worker IS NOT NULL AND lease_until IS NOT NULL))
);
CREATE INDEX round_queue ON advmatch.round (id) WHERE status IN ('queued', 'running');

-- A round's scope, and per county what the round found.
CREATE TABLE advmatch.round_county (
    round bigint NOT NULL REFERENCES advmatch.round ON DELETE CASCADE,
    county text NOT NULL REFERENCES advmatch.county,
    n_members integer NOT NULL CHECK (n_members >= 0),
    complete boolean NOT NULL,                -- no shortfall
    PRIMARY KEY (round, county)
);
-- The round's records name experts by id without a foreign key (experts are never deleted;
-- each foreign key costs a check per row, and a national round writes 8,000 rows here): the
-- published memberships keep theirs.
CREATE TABLE advmatch.round_member (
    round bigint NOT NULL,
    county text NOT NULL,
    expert text NOT NULL,
    role text NOT NULL CHECK (role IN ('leader', 'member')),
    channel text NOT NULL CHECK (channel IN ('local', 'paired', 'province', 'national')),
    score bigint NOT NULL,
    PRIMARY KEY (round, county, expert),
    FOREIGN KEY (round, county) REFERENCES advmatch.round_county ON DELETE CASCADE
);
CREATE INDEX round_member_expert ON advmatch.round_member (expert);
CREATE TABLE advmatch.round_shortfall (
    round bigint NOT NULL,
    county text NOT NULL,
    rule text NOT NULL CHECK (rule IN ('size', 'leader', 'local', 'pairing', 'industry', 'stage')),
    missing integer NOT NULL CHECK (missing > 0),
    detail text NOT NULL DEFAULT '',
    PRIMARY KEY (round, county, rule, detail),
    FOREIGN KEY (round, county) REFERENCES advmatch.round_county ON DELETE CASCADE
);

-- The published groups with their history: a membership is open while ended_round is NULL.
-- The group of county C at time T: added_at <= T AND (ended_at IS NULL OR ended_at > T).
CREATE TABLE advmatch.membership (
    id bigserial PRIMARY KEY,
    county text NOT NULL REFERENCES advmatch.county,
    expert text NOT NULL REFERENCES advmatch.expert,
    role text NOT NULL CHECK (role IN ('leader', 'member')),
    added_round bigint NOT NULL,             -- round ids without foreign keys: rounds are
                                             -- never deleted, and a check per row is costly
    added_version bigint NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now(),
    ended_round bigint,
    ended_version bigint,
    ended_at timestamptz,
    end_reason text,
    CHECK ((ended_round IS NULL) = (ended_at IS NULL)
           AND (ended_round IS NULL) = (ended_version IS NULL))
);
CREATE UNIQUE INDEX membership_open ON advmatch.membership (county, expert) WHERE ended_round IS NULL;
CREATE UNIQUE INDEX membership_open_leader ON advmatch.membership (county)
    WHERE ended_round IS NULL AND role = 'leader';
CREATE INDEX membership_expert ON advmatch.membership (expert) WHERE ended_round IS NULL;
CREATE INDEX membership_versions ON advmatch.membership (greatest(added_version, ended_version));

-- What nightly (and every publishing) round changed, and why.
-- Ids without foreign keys, as in round_member.
CREATE TABLE advmatch.change_log (
    id bigserial PRIMARY KEY,
    round bigint NOT NULL,
    county text NOT NULL,
    expert text NOT NULL,
    change text NOT NULL CHECK (change IN ('added', 'dropped', 'role')),
    role text NOT NULL CHECK (role IN ('leader', 'member')),
    reason text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_round ON advmatch.change_log (round);

-- Wake the workers (`advmatch serve`) on every new request and on every cancellation.
CREATE FUNCTION advmatch.notify_round() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.status = 'queued' THEN
        PERFORM pg_notify('advmatch_round', NEW.id::text);
    ELSIF TG_OP = 'UPDATE' AND NEW.cancel_requested AND NOT OLD.cancel_requested THEN
        PERFORM pg_notify('advmatch_cancel', NEW.id::text);
    ELSIF TG_OP = 'UPDATE' AND NEW.status = 'queued' AND OLD.status <> 'queued' THEN
        PERFORM pg_notify('advmatch_round', NEW.id::text);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER round_notify AFTER INSERT OR UPDATE ON advmatch.round
    FOR EACH ROW EXECUTE FUNCTION advmatch.notify_round();
