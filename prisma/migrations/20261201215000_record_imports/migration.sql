-- CreateTable
CREATE TABLE "RecordImport" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "partitionId" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "rows" JSONB NOT NULL,
    "mapping" JSONB,
    "duplicatePolicy" TEXT NOT NULL DEFAULT 'skip',
    "runOnCreate" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "rejected" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RecordImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecordImport_orgId_createdAt_idx" ON "RecordImport"("orgId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "RecordImport" ADD CONSTRAINT "RecordImport_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordImport" ADD CONSTRAINT "RecordImport_partitionId_fkey" FOREIGN KEY ("partitionId") REFERENCES "Partition"("id") ON DELETE CASCADE ON UPDATE CASCADE;
