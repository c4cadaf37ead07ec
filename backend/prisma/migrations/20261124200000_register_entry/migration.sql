-- The company's entry on the public register (a UK company number), kept apart from any number the CRM carries:
-- 'matched' by the research agent (replaced if it vanishes), or 'chosen' by a person (never replaced by a match).
ALTER TABLE "Company" ADD COLUMN "registerNumber" TEXT;
ALTER TABLE "Company" ADD COLUMN "registerNumberSource" TEXT;
-- Reports still being written are looked up on every request for the company: only those rows are indexed.
CREATE INDEX "ResearchReport_tenantId_companyId_open_idx" ON "ResearchReport"("tenantId", "companyId") WHERE "status" IN ('pending', 'running');
