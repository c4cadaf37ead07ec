-- Audit trail: every insert, update and delete on a tenant-owned table leaves an "AuditLog" row in the same
-- transaction. Kept in the database so that no write path (API, jobs, CLI, raw SQL) can skip it.
-- The actor is whatever the transaction set with set_config('sdr.actor', ..., true); 'system' otherwise.
CREATE FUNCTION "sdr_audit"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    row_old jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
    row_new jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
    subject jsonb := COALESCE(row_new, row_old);
    changed jsonb;
    record_id text;
    tenant_id text := COALESCE(subject ->> 'tenantId', CASE WHEN TG_TABLE_NAME = 'Tenant' THEN subject ->> 'id' END);
BEGIN
    -- Rows removed because their tenant is being deleted leave no trail: the trail goes with the tenant.
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "Tenant" WHERE "id" = tenant_id) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT COALESCE(jsonb_agg(n.key ORDER BY n.key), '[]'::jsonb) INTO changed
        FROM jsonb_each(row_new) AS n
        WHERE n.key NOT IN ('updatedAt', 'lastUsedAt') AND row_old -> n.key IS DISTINCT FROM n.value;
        -- A re-sent record that changes nothing but its timestamps is not an event worth keeping.
        IF jsonb_array_length(changed) = 0 THEN
            RETURN NULL;
        END IF;
    END IF;
    record_id := COALESCE(subject ->> 'id', concat_ws('/', subject ->> 'callId', subject ->> 'segmentId'));
    INSERT INTO "AuditLog" ("tenantId", "id", "actor", "action", "recordType", "recordId", "details", "at")
    VALUES (
        tenant_id,
        gen_random_uuid()::text,
        COALESCE(NULLIF(current_setting('sdr.actor', true), ''), 'system'),
        lower(TG_OP),
        TG_TABLE_NAME,
        record_id,
        CASE WHEN TG_OP = 'UPDATE' THEN jsonb_build_object('changed', changed) ELSE '{}'::jsonb END,
        CURRENT_TIMESTAMP
    );
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Tenant_audit" AFTER INSERT OR UPDATE ON "Tenant" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "ApiKey_audit" AFTER INSERT OR UPDATE OR DELETE ON "ApiKey" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "User_audit" AFTER INSERT OR UPDATE OR DELETE ON "User" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Company_audit" AFTER INSERT OR UPDATE OR DELETE ON "Company" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Lead_audit" AFTER INSERT OR UPDATE OR DELETE ON "Lead" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Activity_audit" AFTER INSERT OR UPDATE OR DELETE ON "Activity" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Opportunity_audit" AFTER INSERT OR UPDATE OR DELETE ON "Opportunity" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Score_audit" AFTER INSERT OR UPDATE OR DELETE ON "Score" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "ModelVersion_audit" AFTER INSERT OR UPDATE OR DELETE ON "ModelVersion" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "RoutingRuleSet_audit" AFTER INSERT OR UPDATE OR DELETE ON "RoutingRuleSet" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "RoutingDecision_audit" AFTER INSERT OR UPDATE OR DELETE ON "RoutingDecision" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Competitor_audit" AFTER INSERT OR UPDATE OR DELETE ON "Competitor" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Battlecard_audit" AFTER INSERT OR UPDATE OR DELETE ON "Battlecard" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Call_audit" AFTER INSERT OR UPDATE OR DELETE ON "Call" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "TranscriptSegment_audit" AFTER INSERT OR UPDATE OR DELETE ON "TranscriptSegment" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Suggestion_audit" AFTER INSERT OR UPDATE OR DELETE ON "Suggestion" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "ResearchReport_audit" AFTER INSERT OR UPDATE OR DELETE ON "ResearchReport" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "WebhookEvent_audit" AFTER INSERT OR UPDATE OR DELETE ON "WebhookEvent" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
