-- 002_access.sql: who may read and write the ledger (docs/database-access.md).
--   advmatch_national     national staff: reads and writes every table, sequence and function.
--   advmatch_coordinator  provincial coordinators: a login bound to one province in
--                         advmatch.coordinator reads that province's previews, groups, counties
--                         and experts (never contact data) and writes nothing but preview
--                         requests for that province (and cancels its own queued requests).
-- The owner of the tables (the advmatch program, connecting as the database owner or a
-- superuser) bypasses row-level security as usual: no table here is FORCE ROW LEVEL SECURITY.
-- Runs once per database, as the owner or a superuser, after 001 and before 003; the roles are
-- the cluster's and are shared by every database of it, so they are created only when missing.

-- ---- the two group roles ----
-- Several databases of one cluster may be migrated at once (the test databases are): the second
-- transaction creating a role waits for the first and then fails with unique_violation, which
-- means the role now exists.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'advmatch_national') THEN
        BEGIN
            CREATE ROLE advmatch_national NOLOGIN;
            COMMENT ON ROLE advmatch_national IS
                'advmatch: national staff, every table of schema advmatch (docs/database-access.md)';
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'advmatch_coordinator') THEN
        BEGIN
            CREATE ROLE advmatch_coordinator NOLOGIN;
            COMMENT ON ROLE advmatch_coordinator IS
                'advmatch: provincial coordinators, row-level security by advmatch.coordinator';
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END $$;

-- ---- coordinator logins and their province ----
-- One row per login role of a coordinator (GRANT advmatch_coordinator TO it as well). A member
-- of advmatch_coordinator without a row here sees no province's data and can request nothing.
CREATE TABLE advmatch.coordinator (
    role_name text PRIMARY KEY CHECK (role_name <> ''),
    province text NOT NULL REFERENCES advmatch.province
);

-- The province of the connected coordinator, NULL when the login is bound to none.
-- SECURITY DEFINER so that coordinators need no privilege on advmatch.coordinator (they cannot
-- read the other bindings, nor write their own) and so that the policies below do not recurse.
-- It takes no argument: it answers for the caller only, so it leaks nothing.
-- session_user, not current_user: inside a SECURITY DEFINER function current_user is the
-- function's owner, never the caller, so only session_user names the caller here. session_user
-- is the role that authenticated; SET ROLE does not change it (only a superuser's SET SESSION
-- AUTHORIZATION does). Consequences, both fail closed: a superuser or staff login that does
-- SET ROLE to a coordinator gets NULL (sees no province; connect as the coordinator instead),
-- and a coordinator that does SET ROLE advmatch_coordinator keeps its own province.
-- search_path is fixed (and pg_temp last) so that no object of the caller's can stand in for
-- the ones named here; every name is qualified besides.
CREATE FUNCTION advmatch.my_province() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT c.province FROM advmatch.coordinator c WHERE c.role_name = session_user::text
$$;

-- ---- privileges ----
GRANT USAGE ON SCHEMA advmatch TO advmatch_national, advmatch_coordinator;

-- Functions: nobody but national staff by default. 001's notify_round and my_province exist now;
-- 003's round_conflicts and apply_round are created later by the role running the migrations,
-- so its default privileges take away PUBLIC's EXECUTE from them (a per-schema default cannot
-- revoke what PUBLIC gets globally, hence no IN SCHEMA on that line: it holds for every function
-- this role creates in this database) and give it to national staff. Coordinators execute
-- my_province (their policies call it) and nothing else: apply_round would write the groups
-- (their table privileges would stop it anyway), round_conflicts would answer from partial data.
-- Trigger functions need no EXECUTE of whoever fires the trigger.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA advmatch FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA advmatch TO advmatch_national;
ALTER DEFAULT PRIVILEGES IN SCHEMA advmatch GRANT EXECUTE ON FUNCTIONS TO advmatch_national;
GRANT EXECUTE ON FUNCTION advmatch.my_province() TO advmatch_coordinator;

-- National staff: every table (expert_contact and coordinator included), now and later.
-- No TRUNCATE (it would bypass row-level security), no DDL.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA advmatch TO advmatch_national;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA advmatch TO advmatch_national;
ALTER DEFAULT PRIVILEGES IN SCHEMA advmatch
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO advmatch_national;
ALTER DEFAULT PRIVILEGES IN SCHEMA advmatch
    GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO advmatch_national;

-- Coordinators: reading only (rows filtered by the policies below), except the request columns
-- of round and its id sequence, and the columns a cancel sets. Nothing on
-- expert_contact or coordinator. A table added later grants them nothing until a migration does.
-- Read in full, no row-level security (national reference data, nothing personal): ledger (its
-- version is needed to follow changes), policy, calendar, province, province_partner.
GRANT SELECT ON advmatch.ledger, advmatch.policy, advmatch.calendar, advmatch.province,
                advmatch.province_partner TO advmatch_coordinator;
GRANT SELECT ON advmatch.county, advmatch.county_industry, advmatch.county_blackout,
                advmatch.fixed_meeting, advmatch.county_prefers, advmatch.county_recommended,
                advmatch.expert, advmatch.expert_field, advmatch.expert_unavailable,
                advmatch.expert_decline, advmatch.expert_prefers,
                advmatch.round_county, advmatch.round_member, advmatch.round_shortfall,
                advmatch.membership, advmatch.change_log TO advmatch_coordinator;
-- round: every column but `input`, the instance document a round solved, which holds every
-- candidate expert of its scope (a province's preview: paired and national experts it does not
-- propose). So coordinators list columns; SELECT * is refused.
GRANT SELECT (id, kind, provinces, counties, params, requester, status, created_at, started_at,
              finished_at, worker, lease_until, attempts, cancel_requested, error, read_version,
              solver_status, objective, bound, gap, n_counties, n_members, n_changes, load_ms,
              solve_ms, write_ms, published_at, published_version)
    ON advmatch.round TO advmatch_coordinator;
GRANT INSERT (kind, provinces, counties, params) ON advmatch.round TO advmatch_coordinator;
GRANT UPDATE (cancel_requested, status, finished_at, error) ON advmatch.round
    TO advmatch_coordinator;
GRANT USAGE ON SEQUENCE advmatch.round_id_seq TO advmatch_coordinator;

-- ---- row-level security ----
-- On every table but the five read in full. Policies are permissive: for national staff one for
-- every command, for coordinators one per command they may use; a command no policy allows sees
-- or changes no row. National staff get USING (true) rather
-- than BYPASSRLS: BYPASSRLS is a role attribute, which members do not inherit (staff logins
-- would have to SET ROLE advmatch_national first), and only a superuser can set it, while the
-- migrations may run as the database owner.
-- (SELECT advmatch.my_province()) is evaluated once per statement, not once per row. A county's
-- province is the first two digits of its code (001: CHECK (left(id, 2) = province)), so
-- left(county, 2) needs no join. With no binding my_province() is NULL and every comparison
-- with it is not true.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['coordinator', 'expert_contact', 'county', 'county_industry',
                             'county_blackout', 'fixed_meeting', 'county_prefers',
                             'county_recommended', 'expert', 'expert_field',
                             'expert_unavailable', 'expert_decline', 'expert_prefers', 'round',
                             'round_county', 'round_member', 'round_shortfall', 'membership',
                             'change_log'] LOOP
        EXECUTE format('ALTER TABLE advmatch.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY national_all ON advmatch.%I TO advmatch_national '
                       'USING (true) WITH CHECK (true)', t);
    END LOOP;
    -- the reference data of a county, and the relations between experts and a county: the
    -- rows of the coordinator's counties (the expert named may be one they cannot read, as in
    -- the history of membership and change_log)
    FOREACH t IN ARRAY ARRAY['county_industry', 'county_blackout', 'fixed_meeting',
                             'county_prefers', 'county_recommended', 'expert_decline',
                             'expert_prefers', 'membership', 'change_log'] LOOP
        EXECUTE format('CREATE POLICY coordinator_read ON advmatch.%I FOR SELECT '
                       'TO advmatch_coordinator '
                       'USING (left(county, 2) = (SELECT advmatch.my_province()))', t);
    END LOOP;
END $$;

CREATE POLICY coordinator_read ON advmatch.county FOR SELECT TO advmatch_coordinator
    USING (province = (SELECT advmatch.my_province()));

-- Experts: those of the province, those in an open membership of one of its counties, and those
-- proposed for one of its counties by a preview of the province. Not those of a past membership
-- nor of a published round that are no longer in the group.
CREATE POLICY coordinator_read ON advmatch.expert FOR SELECT TO advmatch_coordinator
    USING (province = (SELECT advmatch.my_province())
           OR EXISTS (SELECT 1 FROM advmatch.membership m
                       WHERE m.expert = expert.id AND m.ended_round IS NULL
                         AND left(m.county, 2) = (SELECT advmatch.my_province()))
           OR EXISTS (SELECT 1 FROM advmatch.round_member rm
                        JOIN advmatch.round r ON r.id = rm.round
                       WHERE rm.expert = expert.id AND r.kind = 'preview'
                         AND cardinality(r.provinces) = 1
                         AND r.provinces[1] = (SELECT advmatch.my_province())
                         AND left(rm.county, 2) = (SELECT advmatch.my_province())));
-- an expert's own data: the experts above (the expert table's policy decides)
CREATE POLICY coordinator_read ON advmatch.expert_field FOR SELECT TO advmatch_coordinator
    USING (EXISTS (SELECT 1 FROM advmatch.expert e WHERE e.id = expert_field.expert));
CREATE POLICY coordinator_read ON advmatch.expert_unavailable FOR SELECT TO advmatch_coordinator
    USING (EXISTS (SELECT 1 FROM advmatch.expert e WHERE e.id = expert_unavailable.expert));

-- Rounds: the previews of the province (whoever requested them), and every published round
-- (quarterly, nightly: national operations; the row says when and how it ran, and the tables
-- below show only the coordinator's counties of it). Not the previews of other provinces.
CREATE POLICY coordinator_read ON advmatch.round FOR SELECT TO advmatch_coordinator
    USING (kind IN ('quarterly', 'nightly')
           OR (kind = 'preview' AND cardinality(provinces) = 1
               AND provinces[1] = (SELECT advmatch.my_province())));
-- A request: a queued preview of the coordinator's province, for a subset of its counties
-- (none: all), in the coordinator's name, nothing of its state set: what
-- `advmatch round preview --province CODE --enqueue` inserts. The column grant leaves only kind,
-- provinces, counties and params to the coordinator (the rest take their defaults; checked
-- anyway). requester defaults to current_user and cannot be given, so requiring it to be
-- session_user also pins current_user to the login whose province my_province() gave.
-- params: only the keys the program writes, numbers, and never "direct" (a round its requesting
-- process runs itself, which a coordinator cannot: nobody would ever take it); a value the
-- workers' claim could not cast would stop every worker.
CREATE POLICY coordinator_request ON advmatch.round FOR INSERT TO advmatch_coordinator
    WITH CHECK (kind = 'preview'
                AND cardinality(provinces) = 1
                AND provinces[1] = (SELECT advmatch.my_province())
                AND counties <@ ARRAY(SELECT c.id FROM advmatch.county c
                                       WHERE c.province = (SELECT advmatch.my_province()))
                AND requester = session_user::text
                AND jsonb_typeof(params) = 'object'
                AND params - ARRAY['time_limit_s', 'gap', 'max_changes', 'direct'] = '{}'::jsonb
                AND coalesce(jsonb_typeof(params -> 'time_limit_s'), 'number') = 'number'
                AND coalesce(jsonb_typeof(params -> 'gap'), 'number') = 'number'
                AND coalesce(jsonb_typeof(params -> 'max_changes'), 'number') = 'number'
                AND coalesce(params -> 'direct', 'false'::jsonb) = 'false'::jsonb
                AND status = 'queued' AND attempts = 0 AND NOT cancel_requested
                AND started_at IS NULL AND finished_at IS NULL AND worker IS NULL
                AND lease_until IS NULL AND error IS NULL AND read_version IS NULL
                AND solver_status IS NULL AND objective IS NULL AND bound IS NULL
                AND gap IS NULL AND n_counties IS NULL AND n_members IS NULL
                AND n_changes IS NULL AND load_ms IS NULL AND solve_ms IS NULL
                AND write_ms IS NULL AND published_at IS NULL AND published_version IS NULL
                AND input IS NULL);
-- Cancelling: a coordinator's own preview while it is queued, exactly as `advmatch round
-- cancel ID` does it (cancel_requested, status 'cancelled', finished_at now(), error 'cancelled
-- by request': the four columns granted). USING holds the row before (queued: a worker has not
-- taken it), WITH CHECK the row after, so that is the only change possible. A running preview
-- is cancelled by national staff.
CREATE POLICY coordinator_cancel ON advmatch.round FOR UPDATE TO advmatch_coordinator
    USING (kind = 'preview' AND cardinality(provinces) = 1
           AND provinces[1] = (SELECT advmatch.my_province())
           AND requester = session_user::text
           AND status = 'queued')
    WITH CHECK (kind = 'preview' AND cardinality(provinces) = 1
                AND provinces[1] = (SELECT advmatch.my_province())
                AND requester = session_user::text
                AND status = 'cancelled' AND cancel_requested AND finished_at = now()
                AND error = 'cancelled by request');

-- What a round found, per county: the coordinator's counties of the rounds it can read.
CREATE POLICY coordinator_read ON advmatch.round_county FOR SELECT TO advmatch_coordinator
    USING (left(county, 2) = (SELECT advmatch.my_province())
           AND EXISTS (SELECT 1 FROM advmatch.round r WHERE r.id = round_county.round));
CREATE POLICY coordinator_read ON advmatch.round_member FOR SELECT TO advmatch_coordinator
    USING (left(county, 2) = (SELECT advmatch.my_province())
           AND EXISTS (SELECT 1 FROM advmatch.round r WHERE r.id = round_member.round));
CREATE POLICY coordinator_read ON advmatch.round_shortfall FOR SELECT TO advmatch_coordinator
    USING (left(county, 2) = (SELECT advmatch.my_province())
           AND EXISTS (SELECT 1 FROM advmatch.round r WHERE r.id = round_shortfall.round));

-- expert_contact and coordinator: no policy for coordinators (and no privilege): no row, ever.
