-- Scores are written by the scoring agent in batches of hundreds, and rescoring a tenant writes one per lead.
-- One audit row per statement (with the ids written) keeps the trail complete without doubling the work of every
-- rescore; updates and deletes of scores stay audited row by row.
CREATE FUNCTION "sdr_audit_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "AuditLog" ("tenantId", "id", "actor", "action", "recordType", "recordId", "details", "at")
    SELECT
        "tenantId",
        gen_random_uuid()::text,
        COALESCE(NULLIF(current_setting('sdr.actor', true), ''), 'system'),
        'insert',
        TG_TABLE_NAME,
        CASE WHEN count(*) = 1 THEN min("id") ELSE count(*) || ' records' END,
        jsonb_build_object('count', count(*), 'ids', jsonb_agg("id")),
        CURRENT_TIMESTAMP
    FROM inserted
    GROUP BY "tenantId";
    RETURN NULL;
END;
$$;

DROP TRIGGER "Score_audit" ON "Score";
CREATE TRIGGER "Score_audit_insert" AFTER INSERT ON "Score" REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "sdr_audit_inserted"();
CREATE TRIGGER "Score_audit" AFTER UPDATE OR DELETE ON "Score" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
