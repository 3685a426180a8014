-- 003_rounds.sql: what publishing a round does to the ledger, in SQL so that a round written by
-- a worker and a preview published later take the same path (docs/database.md, "Publishing").

-- Why round r cannot be published on top of the ledger as it stands: every change made after
-- ledger version `since` (the round's snapshot) to something the round depends on: the policy,
-- a county of its scope, an expert it uses, or a published membership of one of those.
CREATE FUNCTION advmatch.round_conflicts(r bigint, since bigint) RETURNS SETOF text
LANGUAGE sql STABLE AS $$
    WITH scope AS (SELECT county FROM advmatch.round_county WHERE round = r),
         used AS (SELECT DISTINCT expert FROM advmatch.round_member WHERE round = r)
    SELECT format('the policy changed (ledger version %s)', p.changed)
      FROM advmatch.policy p WHERE p.changed > since
    UNION ALL
    SELECT format('county %s changed (ledger version %s)', c.id, c.changed)
      FROM advmatch.county c JOIN scope s ON s.county = c.id WHERE c.changed > since
    UNION ALL
    SELECT format('expert %s changed (ledger version %s)', e.id, e.changed)
      FROM advmatch.expert e JOIN used u ON u.expert = e.id WHERE e.changed > since
    UNION ALL
    SELECT CASE WHEN m.added_version > since
                THEN format('round %s added expert %s to the group of county %s', m.added_round,
                            m.expert, m.county)
                ELSE format('round %s ended expert %s in the group of county %s', m.ended_round,
                            m.expert, m.county) END
      FROM advmatch.membership m
     WHERE greatest(m.added_version, m.ended_version) > since
       AND (m.county IN (SELECT county FROM scope) OR m.expert IN (SELECT expert FROM used))
$$;

-- Make round r's groups (round_member) the published groups of its counties (round_county) at
-- ledger version v: memberships that differ are ended, new ones opened, each change logged.
-- Reasons for single changes may be given as three parallel arrays (county, expert, reason);
-- the others get `added_why` or "not kept by round r". Returns the number of changes.
CREATE FUNCTION advmatch.apply_round(r bigint, v bigint, why_county text[], why_expert text[],
                                     why text[], added_why text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    DROP TABLE IF EXISTS pg_temp.am_change;
    CREATE TEMP TABLE am_change ON COMMIT DROP AS
    SELECT coalesce(o.county, nw.county) AS county, coalesce(o.expert, nw.expert) AS expert,
           o.role AS old_role, nw.role AS new_role, o.id AS membership
      FROM (SELECT m.id, m.county, m.expert, m.role FROM advmatch.membership m
             WHERE m.ended_round IS NULL
               AND m.county IN (SELECT county FROM advmatch.round_county WHERE round = r)) o
      FULL JOIN (SELECT county, expert, role FROM advmatch.round_member WHERE round = r) nw
        ON nw.county = o.county AND nw.expert = o.expert
     WHERE o.role IS DISTINCT FROM nw.role;

    INSERT INTO advmatch.change_log (round, county, expert, change, role, reason)
    SELECT r, c.county, c.expert,
           CASE WHEN c.new_role IS NULL THEN 'dropped'
                WHEN c.old_role IS NULL THEN 'added' ELSE 'role' END,
           coalesce(c.new_role, c.old_role),
           coalesce(w.reason,
                    CASE WHEN c.new_role IS NULL THEN format('not kept by round %s', r)
                         WHEN c.old_role IS NULL THEN added_why
                         ELSE format('%s instead of %s since round %s', c.new_role, c.old_role, r)
                    END)
      FROM am_change c
      LEFT JOIN unnest(why_county, why_expert, why) AS w(county, expert, reason)
        ON w.county = c.county AND w.expert = c.expert
     ORDER BY c.county, c.expert;

    UPDATE advmatch.membership m
       SET ended_round = r, ended_version = v, ended_at = now(), end_reason = l.reason
      FROM am_change c
      JOIN advmatch.change_log l ON l.round = r AND l.county = c.county AND l.expert = c.expert
     WHERE m.id = c.membership;

    INSERT INTO advmatch.membership (county, expert, role, added_round, added_version)
    SELECT county, expert, new_role, r, v FROM am_change WHERE new_role IS NOT NULL
     ORDER BY county, expert;

    SELECT count(*) INTO n FROM am_change;
    DROP TABLE am_change;
    RETURN n;
END $$;

-- Publishing is the program's (national staff's) business: nobody else may run these.
REVOKE EXECUTE ON FUNCTION advmatch.apply_round(bigint, bigint, text[], text[], text[], text),
                           advmatch.round_conflicts(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION advmatch.apply_round(bigint, bigint, text[], text[], text[], text),
                          advmatch.round_conflicts(bigint, bigint) TO advmatch_national;
