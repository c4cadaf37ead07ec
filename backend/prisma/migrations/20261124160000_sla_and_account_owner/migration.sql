-- The account's owner as the CRM has it (Salesforce Account.OwnerId, HubSpot hubspot_owner_id): who routing sends a
-- matched lead to when a rule targets the account owner.
ALTER TABLE "Company" ADD COLUMN "ownerId" TEXT;
CREATE INDEX "Company_tenantId_ownerId_idx" ON "Company"("tenantId", "ownerId");
ALTER TABLE "Company" ADD CONSTRAINT "Company_tenantId_ownerId_fkey" FOREIGN KEY ("tenantId", "ownerId") REFERENCES "User"("tenantId", "id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- First-touch SLA of a routing decision: pending until the lead is touched (met), the deadline passes untouched
-- (missed: the lead is reassigned once), or another decision or a conversion takes over (closed).
ALTER TABLE "RoutingDecision" ADD COLUMN "slaState" TEXT;
ALTER TABLE "RoutingDecision" ADD COLUMN "slaMissedAt" TIMESTAMP(3);
UPDATE "RoutingDecision" SET "slaState" = 'pending' WHERE "slaDueAt" IS NOT NULL;
-- The SLA check reads only what is still pending, so the index holds only that.
CREATE INDEX "RoutingDecision_tenantId_slaDueAt_pending_idx" ON "RoutingDecision"("tenantId", "slaDueAt") WHERE "slaState" = 'pending';
