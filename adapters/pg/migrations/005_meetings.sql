-- 005_meetings.sql: the year's meetings of the published groups (`advmatch db schedule`). Each
-- plan is kept whole (its advmatch-schedule/1 document, for `advmatch ics` and as the previous
-- plan of the next one) and row by row (advmatch.meeting, to query). docs/database.md.

CREATE TABLE advmatch.schedule (
    id bigserial PRIMARY KEY,
    year integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
    created_at timestamptz NOT NULL DEFAULT now(),
    requester text NOT NULL DEFAULT current_user,
    read_version bigint NOT NULL,             -- ledger version of the groups it planned for
    previous bigint REFERENCES advmatch.schedule, -- the plan whose meetings it kept, if any
    solver_status text NOT NULL
        CHECK (solver_status IN ('optimal', 'feasible', 'time_limit', 'interrupted')),
    objective bigint NOT NULL,
    bound double precision,
    gap double precision,
    n_meetings integer NOT NULL CHECK (n_meetings >= 0),
    n_unscheduled integer NOT NULL CHECK (n_unscheduled >= 0),
    document text COMPRESSION lz4 NOT NULL
);
CREATE INDEX schedule_year ON advmatch.schedule (year, id);

CREATE TABLE advmatch.meeting (
    schedule bigint NOT NULL REFERENCES advmatch.schedule ON DELETE CASCADE,
    county text NOT NULL,
    half text NOT NULL CHECK (half IN ('H1', 'H2')),
    date date NOT NULL,
    mode text NOT NULL CHECK (mode IN ('onsite', 'video')),
    fixed boolean NOT NULL,
    attending text[] NOT NULL,                -- expert ids
    absent text[] NOT NULL,                   -- "E00042 (unavailable 2026-03-02..2026-03-13)"
    PRIMARY KEY (schedule, county, date)
);

-- Access as for the groups (002_access.sql): national staff everything; a coordinator the
-- meetings of the counties of their province and the plans' figures, not their documents (which
-- hold every province's meetings).
GRANT SELECT, INSERT, UPDATE, DELETE ON advmatch.schedule, advmatch.meeting TO advmatch_national;
GRANT USAGE ON SEQUENCE advmatch.schedule_id_seq TO advmatch_national;
GRANT SELECT (id, year, created_at, requester, read_version, previous, solver_status, objective,
              bound, gap, n_meetings, n_unscheduled) ON advmatch.schedule TO advmatch_coordinator;
GRANT SELECT ON advmatch.meeting TO advmatch_coordinator;
ALTER TABLE advmatch.meeting ENABLE ROW LEVEL SECURITY;
CREATE POLICY national_all ON advmatch.meeting TO advmatch_national USING (true) WITH CHECK (true);
CREATE POLICY coordinator_read ON advmatch.meeting FOR SELECT TO advmatch_coordinator
    USING (left(county, 2) = (SELECT advmatch.my_province()));
