-- Microsoft Graph subscriptions to a tenant's Teams transcripts, and the transcripts already delivered as calls.
CREATE TABLE "TeamsSubscription" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "entraTenantId" TEXT NOT NULL,
    "clientState" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "notificationUrl" TEXT NOT NULL,
    "lifecycleNotificationUrl" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "organizerUserId" TEXT,
    "lastTranscriptAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamsSubscription_pkey" PRIMARY KEY ("tenantId","id")
);
CREATE INDEX "TeamsSubscription_tenantId_expiresAt_idx" ON "TeamsSubscription"("tenantId", "expiresAt");
ALTER TABLE "TeamsSubscription" ADD CONSTRAINT "TeamsSubscription_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "TeamsTranscript" (
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "deliveredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamsTranscript_pkey" PRIMARY KEY ("tenantId","key")
);
ALTER TABLE "TeamsTranscript" ADD CONSTRAINT "TeamsTranscript_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
