-- CreateTable
CREATE TABLE "CrmConnection" (
    "tenantId" TEXT NOT NULL,
    "provider" "CrmKind" NOT NULL,
    "authFlow" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'connected',
    "statusMessage" TEXT,
    "instanceUrl" TEXT,
    "credentials" TEXT NOT NULL,
    "cursors" JSONB NOT NULL DEFAULT '{}',
    "replayIds" JSONB NOT NULL DEFAULT '{}',
    "apiUsage" JSONB,
    "backfilledAt" TIMESTAMP(3),
    "lastSyncAt" TIMESTAMP(3),
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrmConnection_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "CrmWriteBack" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "objectType" TEXT NOT NULL,
    "crmId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrmWriteBack_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CrmWriteBack_tenantId_kind_objectType_crmId_key" ON "CrmWriteBack"("tenantId", "kind", "objectType", "crmId");

-- CreateIndex
CREATE INDEX "CrmWriteBack_tenantId_objectType_createdAt_idx" ON "CrmWriteBack"("tenantId", "objectType", "createdAt");

-- AddForeignKey
ALTER TABLE "CrmConnection" ADD CONSTRAINT "CrmConnection_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmWriteBack" ADD CONSTRAINT "CrmWriteBack_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Connecting, reconnecting and losing the CRM are changes an admin must be able to trace; a sync moving its
-- cursors is not, or the trail would fill with one row per sync. The connection has no id column: its record id in
-- the trail is the provider.
CREATE OR REPLACE FUNCTION "sdr_audit"() RETURNS trigger
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
    record_id := COALESCE(
        subject ->> 'id',
        CASE WHEN TG_TABLE_NAME = 'CrmConnection' THEN subject ->> 'provider' END,
        concat_ws('/', subject ->> 'callId', subject ->> 'segmentId')
    );
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
CREATE TRIGGER "CrmConnection_audit" AFTER INSERT OR DELETE ON "CrmConnection" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "CrmConnection_audit_status" AFTER UPDATE ON "CrmConnection" FOR EACH ROW
    WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."credentials" IS DISTINCT FROM NEW."credentials"
          OR OLD."authFlow" IS DISTINCT FROM NEW."authFlow" OR OLD."instanceUrl" IS DISTINCT FROM NEW."instanceUrl")
    EXECUTE FUNCTION "sdr_audit"();
