import { uploadImport } from '../../services/imports.ts';
import type { OrgContext } from '../../trpc.ts';
import type { TUploadInputSchema } from './upload.schema.ts';

/** Answers the detected encoding, the header row and a mapping guessed from it. */
export function uploadHandler({ ctx, input }: { ctx: OrgContext; input: TUploadInputSchema }) {
  return uploadImport(ctx, {
    orgId: ctx.orgId,
    userId: ctx.auth.user.id,
    partitionId: input.partitionId,
    filename: input.filename,
    content: Buffer.from(input.contentBase64, 'base64'),
  });
}
