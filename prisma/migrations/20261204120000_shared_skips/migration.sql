-- Shared skips (issue 10): the rules one record event skipped for the same reason share one AutomationEvent row,
-- listed in "linkIds" (services/skip-history.ts). A constant default: no table rewrite on a big history.
ALTER TABLE "AutomationEvent" ADD COLUMN "linkIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- A rule's history finds its shared skips through this index (its pending list keeps the insert cheap).
CREATE INDEX "AutomationEvent_linkIds_idx" ON "AutomationEvent" USING GIN ("linkIds");
