-- An SDR's leave and pause, which routing respects.
ALTER TABLE "User" ADD COLUMN "outOfOffice" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "User" ADD COLUMN "pausedUntil" TIMESTAMP(3);

-- Leads each member of a pool has received, overall and per EV tier: what weighted, score-aware round robin reads.
-- Keyed by the rule's id, which stays the same across versions of the rule set.
CREATE TABLE "RoutingPoolCount" (
    "tenantId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "byTier" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "RoutingPoolCount_pkey" PRIMARY KEY ("tenantId","ruleId","userId")
);
ALTER TABLE "RoutingPoolCount" ADD CONSTRAINT "RoutingPoolCount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
