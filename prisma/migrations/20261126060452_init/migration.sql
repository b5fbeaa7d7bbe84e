-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('admin', 'member');

-- CreateEnum
CREATE TYPE "FieldType" AS ENUM ('text', 'number', 'date', 'select', 'phone');

-- CreateEnum
CREATE TYPE "AlimtalkProvider" AS ENUM ('nhn', 'sandbox');

-- CreateEnum
CREATE TYPE "TemplateStatus" AS ENUM ('TSC01', 'TSC02', 'TSC03', 'TSC04');

-- CreateEnum
CREATE TYPE "TriggerType" AS ENUM ('manual', 'on_create', 'on_update');

-- CreateEnum
CREATE TYPE "SendTriggerType" AS ENUM ('manual', 'auto', 'repeat', 'test');

-- CreateEnum
CREATE TYPE "SendStatus" AS ENUM ('pending', 'accepted', 'delivered', 'failed');

-- CreateEnum
CREATE TYPE "QueueStatus" AS ENUM ('pending', 'completed', 'cancelled');

-- CreateTable
CREATE TABLE "Org" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Org_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "UserRole" NOT NULL DEFAULT 'member',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Partition" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "fields" JSONB NOT NULL DEFAULT '[]',
    "phoneField" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Partition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Record" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "partitionId" UUID NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlimtalkSettings" (
    "orgId" UUID NOT NULL,
    "provider" "AlimtalkProvider" NOT NULL DEFAULT 'sandbox',
    "baseUrl" TEXT,
    "appKey" TEXT,
    "secretKey" TEXT,
    "senderKey" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlimtalkSettings_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "AlimtalkTemplate" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "senderKey" TEXT NOT NULL,
    "templateCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "variables" TEXT[],
    "status" "TemplateStatus" NOT NULL,
    "syncedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlimtalkTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlimtalkTemplateLink" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "partitionId" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "recipientField" TEXT NOT NULL,
    "variableMappings" JSONB NOT NULL DEFAULT '{}',
    "triggerType" "TriggerType" NOT NULL DEFAULT 'manual',
    "triggerCondition" JSONB,
    "fireOn" TEXT NOT NULL DEFAULT 'became_true',
    "repeatConfig" JSONB,
    "cooldownHours" INTEGER NOT NULL DEFAULT 1,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AlimtalkTemplateLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlimtalkSendLog" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "linkId" UUID,
    "recordId" UUID,
    "templateCode" TEXT NOT NULL,
    "senderKey" TEXT,
    "recipientNo" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "templateParameter" JSONB NOT NULL DEFAULT '{}',
    "triggerType" "SendTriggerType" NOT NULL,
    "status" "SendStatus" NOT NULL DEFAULT 'pending',
    "dedupeKey" TEXT NOT NULL,
    "requestId" TEXT,
    "recipientSeq" INTEGER,
    "resultCode" TEXT,
    "resultMessage" TEXT,
    "deliveryStatus" TEXT,
    "deliveryCode" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "AlimtalkSendLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlimtalkAutomationQueue" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "linkId" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "repeatCount" INTEGER NOT NULL DEFAULT 0,
    "nextRunAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "QueueStatus" NOT NULL DEFAULT 'pending',
    "endReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlimtalkAutomationQueue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationEvent" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "linkId" UUID,
    "recordId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT,
    "detail" JSONB,
    "sendLogId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AutomationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_orgId_idx" ON "User"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_orgId_idx" ON "ApiToken"("orgId");

-- CreateIndex
CREATE INDEX "Partition_orgId_idx" ON "Partition"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "Partition_orgId_name_key" ON "Partition"("orgId", "name");

-- CreateIndex
CREATE INDEX "Record_orgId_partitionId_createdAt_idx" ON "Record"("orgId", "partitionId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "AlimtalkTemplate_orgId_senderKey_templateCode_key" ON "AlimtalkTemplate"("orgId", "senderKey", "templateCode");

-- CreateIndex
CREATE INDEX "AlimtalkTemplateLink_orgId_partitionId_triggerType_idx" ON "AlimtalkTemplateLink"("orgId", "partitionId", "triggerType");

-- CreateIndex
CREATE UNIQUE INDEX "AlimtalkSendLog_dedupeKey_key" ON "AlimtalkSendLog"("dedupeKey");

-- CreateIndex
CREATE INDEX "AlimtalkSendLog_orgId_createdAt_idx" ON "AlimtalkSendLog"("orgId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AlimtalkSendLog_linkId_recordId_createdAt_idx" ON "AlimtalkSendLog"("linkId", "recordId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AlimtalkSendLog_status_sentAt_idx" ON "AlimtalkSendLog"("status", "sentAt");

-- CreateIndex
CREATE INDEX "AlimtalkSendLog_requestId_recipientSeq_idx" ON "AlimtalkSendLog"("requestId", "recipientSeq");

-- CreateIndex
CREATE INDEX "AlimtalkAutomationQueue_status_nextRunAt_idx" ON "AlimtalkAutomationQueue"("status", "nextRunAt");

-- CreateIndex
CREATE INDEX "AlimtalkAutomationQueue_orgId_status_idx" ON "AlimtalkAutomationQueue"("orgId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AlimtalkAutomationQueue_linkId_recordId_key" ON "AlimtalkAutomationQueue"("linkId", "recordId");

-- CreateIndex
CREATE INDEX "AutomationEvent_orgId_recordId_createdAt_idx" ON "AutomationEvent"("orgId", "recordId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AutomationEvent_orgId_linkId_createdAt_idx" ON "AutomationEvent"("orgId", "linkId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Partition" ADD CONSTRAINT "Partition_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Record" ADD CONSTRAINT "Record_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Record" ADD CONSTRAINT "Record_partitionId_fkey" FOREIGN KEY ("partitionId") REFERENCES "Partition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkSettings" ADD CONSTRAINT "AlimtalkSettings_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkTemplate" ADD CONSTRAINT "AlimtalkTemplate_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkTemplateLink" ADD CONSTRAINT "AlimtalkTemplateLink_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkTemplateLink" ADD CONSTRAINT "AlimtalkTemplateLink_partitionId_fkey" FOREIGN KEY ("partitionId") REFERENCES "Partition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkTemplateLink" ADD CONSTRAINT "AlimtalkTemplateLink_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "AlimtalkTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkTemplateLink" ADD CONSTRAINT "AlimtalkTemplateLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkSendLog" ADD CONSTRAINT "AlimtalkSendLog_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkSendLog" ADD CONSTRAINT "AlimtalkSendLog_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AlimtalkTemplateLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkAutomationQueue" ADD CONSTRAINT "AlimtalkAutomationQueue_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlimtalkAutomationQueue" ADD CONSTRAINT "AlimtalkAutomationQueue_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AlimtalkTemplateLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationEvent" ADD CONSTRAINT "AutomationEvent_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationEvent" ADD CONSTRAINT "AutomationEvent_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "AlimtalkTemplateLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;
