-- Delivery controls (issue 15): SMS/LMS fallback, send windows, frequency cap, enrolment.
ALTER TABLE "AlimtalkSettings" ADD COLUMN "sendWindow" JSONB, ADD COLUMN "frequencyCap" JSONB;

ALTER TABLE "AlimtalkTemplateLink"
  ADD COLUMN "fallbackType" TEXT,
  ADD COLUMN "fallbackSendNo" TEXT,
  ADD COLUMN "fallbackTitle" TEXT,
  ADD COLUMN "fallbackContent" TEXT,
  ADD COLUMN "sendWindow" JSONB;

ALTER TABLE "AlimtalkSendLog"
  ADD COLUMN "notBefore" TIMESTAMPTZ(3),
  ADD COLUMN "fallbackType" TEXT,
  ADD COLUMN "fallbackStatus" TEXT,
  ADD COLUMN "fallbackResultCode" TEXT,
  ADD COLUMN "enrolmentId" UUID;

-- The frequency cap counts one recipient's recent sends across every rule.
CREATE INDEX "AlimtalkSendLog_orgId_recipientNo_createdAt_idx" ON "AlimtalkSendLog"("orgId", "recipientNo", "createdAt");

CREATE TABLE "OrgHoliday" (
    "orgId" UUID NOT NULL,
    "date" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "OrgHoliday_pkey" PRIMARY KEY ("orgId","date")
);
ALTER TABLE "OrgHoliday" ADD CONSTRAINT "OrgHoliday_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "RuleEnrolment" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "linkId" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RuleEnrolment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "RuleEnrolment_orgId_linkId_createdAt_idx" ON "RuleEnrolment"("orgId", "linkId", "createdAt" DESC);
ALTER TABLE "RuleEnrolment" ADD CONSTRAINT "RuleEnrolment_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "RuleEnrolment" ADD CONSTRAINT "RuleEnrolment_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AlimtalkTemplateLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;
