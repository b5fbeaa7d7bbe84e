ALTER TABLE "RuleEnrolment" ADD COLUMN "cursor" UUID;
