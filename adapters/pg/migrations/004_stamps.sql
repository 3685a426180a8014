-- 004_stamps.sql: a change made to reference data by hand (SQL: an expert marked inactive, a
-- decline added) is stamped like an import's: the ledger's version is bumped and the record's
-- `changed` set to it, so that a preview that used the record is refused at publish time and a
-- running round does not publish over it (advmatch.round_conflicts). Its `digest` is cleared,
-- so that the next import rewrites the record from the file. `advmatch db import` stamps
-- records itself and sets advmatch.importing for its transaction: these triggers stand aside.

CREATE FUNCTION advmatch.importing() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('advmatch.importing', true), '') = 'on'
$$;

-- BEFORE UPDATE of province, county, expert, policy: a row whose content changed but whose
-- `changed` was not set by the statement gets the next version.
CREATE FUNCTION advmatch.stamp_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v bigint;
BEGIN
    IF advmatch.importing() OR NEW.changed IS DISTINCT FROM OLD.changed
       OR (to_jsonb(NEW) - 'changed' - 'digest') = (to_jsonb(OLD) - 'changed' - 'digest') THEN
        RETURN NEW;
    END IF;
    UPDATE advmatch.ledger SET version = version + 1 RETURNING version INTO v;
    NEW := jsonb_populate_record(NEW, jsonb_build_object('changed', v, 'digest', ''));
    RETURN NEW;
END $$;

CREATE TRIGGER province_stamp BEFORE UPDATE ON advmatch.province
    FOR EACH ROW EXECUTE FUNCTION advmatch.stamp_row();
CREATE TRIGGER county_stamp BEFORE UPDATE ON advmatch.county
    FOR EACH ROW EXECUTE FUNCTION advmatch.stamp_row();
CREATE TRIGGER expert_stamp BEFORE UPDATE ON advmatch.expert
    FOR EACH ROW EXECUTE FUNCTION advmatch.stamp_row();
CREATE TRIGGER policy_stamp BEFORE UPDATE ON advmatch.policy
    FOR EACH ROW EXECUTE FUNCTION advmatch.stamp_row();

-- AFTER each statement on a list of a record (TG_ARGV: the record's table, the list's key
-- column): the records whose list changed get the next version. One statement, one version.
CREATE FUNCTION advmatch.stamp_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v bigint;
    rows text := CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
BEGIN
    IF advmatch.importing() THEN
        RETURN NULL;
    END IF;
    UPDATE advmatch.ledger SET version = version + 1 RETURNING version INTO v;
    IF TG_ARGV[0] = 'province' THEN
        EXECUTE format('UPDATE advmatch.province SET changed = $1 WHERE code IN '
                       '(SELECT %I FROM %I)', TG_ARGV[1], rows) USING v;
    ELSE
        EXECUTE format('UPDATE advmatch.%I SET changed = $1, digest = '''' WHERE id IN '
                       '(SELECT %I FROM %I)', TG_ARGV[0], TG_ARGV[1], rows) USING v;
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t record;
    ev text;
BEGIN
    FOR t IN SELECT * FROM (VALUES
            ('expert_field', 'expert', 'expert'), ('expert_unavailable', 'expert', 'expert'),
            ('expert_decline', 'expert', 'expert'), ('expert_prefers', 'expert', 'expert'),
            ('county_industry', 'county', 'county'), ('county_blackout', 'county', 'county'),
            ('county_prefers', 'county', 'county'), ('county_recommended', 'county', 'county'),
            ('fixed_meeting', 'county', 'county'), ('province_partner', 'province', 'province'))
            AS x(list, owner, key) LOOP
        FOREACH ev IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON advmatch.%I REFERENCING %s TABLE AS %s'
                           ' FOR EACH STATEMENT EXECUTE FUNCTION advmatch.stamp_owner(%L, %L)',
                           t.list || '_stamp_' || lower(ev), ev, t.list,
                           CASE ev WHEN 'DELETE' THEN 'OLD' ELSE 'NEW' END,
                           CASE ev WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END,
                           t.owner, t.key);
        END LOOP;
    END LOOP;
END $$;
