-- Enrolment outcomes per run (issue 15 item 4): how many matching records a run decided, what became of them
-- (automation-core's EnrolmentTally as JSON), and the run a "retry the skipped" run picks its records from.
ALTER TABLE "RuleEnrolment" ADD COLUMN "considered" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "RuleEnrolment" ADD COLUMN "tally" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "RuleEnrolment" ADD COLUMN "retryOfId" UUID;
ALTER TABLE "RuleEnrolment" ADD CONSTRAINT "RuleEnrolment_retryOfId_fkey" FOREIGN KEY ("retryOfId") REFERENCES "RuleEnrolment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- A retry run reads the skips of the run it retries.
CREATE INDEX "AlimtalkSendLog_enrolmentId_idx" ON "AlimtalkSendLog"("enrolmentId");
