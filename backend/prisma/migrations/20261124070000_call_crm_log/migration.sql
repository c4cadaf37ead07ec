-- What the call left in the CRM once it ended, so a retried job does not log it twice.
ALTER TABLE "Call" ADD COLUMN "crmNoteId" TEXT;
ALTER TABLE "Call" ADD COLUMN "crmTaskId" TEXT;
ALTER TABLE "Call" ADD COLUMN "loggedAt" TIMESTAMP(3);
