-- AlterTable
ALTER TABLE "Partition" ADD COLUMN     "archivedAt" TIMESTAMPTZ(3);
