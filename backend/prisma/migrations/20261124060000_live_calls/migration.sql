-- Battlecards keep every version, with who wrote it and when.
ALTER TABLE "Battlecard" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Battlecard" ADD COLUMN "author" TEXT;

CREATE TABLE "BattlecardVersion" (
    "tenantId" TEXT NOT NULL,
    "battlecardId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "competitorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sections" JSONB NOT NULL,
    "staleAfterDays" INTEGER NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL,
    "author" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BattlecardVersion_pkey" PRIMARY KEY ("tenantId","battlecardId","version")
);
ALTER TABLE "BattlecardVersion" ADD CONSTRAINT "BattlecardVersion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BattlecardVersion" ADD CONSTRAINT "BattlecardVersion_tenantId_battlecardId_fkey" FOREIGN KEY ("tenantId", "battlecardId") REFERENCES "Battlecard"("tenantId", "id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- One sequence per call orders its segments and suggestions, so a cursor is a single number.
ALTER TABLE "Call" ADD COLUMN "lastSeq" INTEGER NOT NULL DEFAULT 0;
-- Talk ratio, longest monologue, sentiment trend: kept current while the call runs.
ALTER TABLE "Call" ADD COLUMN "metrics" JSONB;
ALTER TABLE "Suggestion" ADD COLUMN "seq" INTEGER NOT NULL DEFAULT 0;
-- What the suggestion is about (a card item, an objection kind): the same one is not repeated within a window.
ALTER TABLE "Suggestion" ADD COLUMN "topic" TEXT NOT NULL DEFAULT '';
-- A line written for this call by the LLM, added after the rules suggestion went out.
ALTER TABLE "Suggestion" ADD COLUMN "tailored" TEXT;
CREATE INDEX "TranscriptSegment_tenantId_callId_seq_idx" ON "TranscriptSegment"("tenantId", "callId", "seq");
CREATE INDEX "Suggestion_tenantId_callId_seq_idx" ON "Suggestion"("tenantId", "callId", "seq");

-- A transcript and its suggestions are a record in themselves, written many times a second during a call: they
-- are not copied into the audit trail. A call is audited when it starts, ends, is relinked or removed.
DROP TRIGGER "TranscriptSegment_audit" ON "TranscriptSegment";
DROP TRIGGER "Suggestion_audit" ON "Suggestion";
DROP TRIGGER "Call_audit" ON "Call";
CREATE TRIGGER "Call_audit" AFTER INSERT OR DELETE ON "Call" FOR EACH ROW EXECUTE FUNCTION "sdr_audit"();
CREATE TRIGGER "Call_audit_changes" AFTER UPDATE ON "Call" FOR EACH ROW
    WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."leadId" IS DISTINCT FROM NEW."leadId"
          OR OLD."opportunityId" IS DISTINCT FROM NEW."opportunityId" OR OLD."userId" IS DISTINCT FROM NEW."userId")
    EXECUTE FUNCTION "sdr_audit"();
