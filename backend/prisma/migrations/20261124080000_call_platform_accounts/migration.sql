-- Which tenant a call platform's webhook is for: it names its account (a Zoom account, a Microsoft Entra tenant),
-- as a CRM names its org. Kept on the tenant, the directory every request already reads.
ALTER TABLE "Tenant" ADD COLUMN "zoomAccountId" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "entraTenantId" TEXT;
CREATE UNIQUE INDEX "Tenant_zoomAccountId_key" ON "Tenant"("zoomAccountId");
CREATE UNIQUE INDEX "Tenant_entraTenantId_key" ON "Tenant"("entraTenantId");
