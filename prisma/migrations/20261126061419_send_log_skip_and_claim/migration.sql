-- AlterEnum
ALTER TYPE "SendStatus" ADD VALUE 'skipped';

-- AlterTable
ALTER TABLE "AlimtalkSendLog" ADD COLUMN     "claimedUntil" TIMESTAMPTZ(3),
ADD COLUMN     "reason" TEXT;
