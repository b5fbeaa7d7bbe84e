/**
 * Lenient zod schemas for NHN AlimTalk v2.3 responses. Only the fields we use are declared; everything else is
 * passed through (looseObject) and undocumented / re-typed fields (numbers as strings, nulls) are tolerated.
 */
import { z } from 'zod';

const numberish = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
const optStr = z
  .union([z.string(), z.number().transform(String)])
  .nullish()
  .transform((v) => v ?? null);

export const headerSchema = z.looseObject({
  resultCode: numberish,
  resultMessage: z.string().nullish(),
  isSuccessful: z.boolean().nullish(),
});
export type NhnHeader = z.infer<typeof headerSchema>;

export const envelopeSchema = z.looseObject({ header: headerSchema });

export const sendResultSchema = z.looseObject({
  recipientSeq: numberish.nullish(),
  recipientNo: optStr,
  resultCode: numberish,
  resultMessage: optStr,
  recipientGroupingKey: optStr,
});
export type NhnSendResult = z.infer<typeof sendResultSchema>;

export const sendResponseSchema = z.looseObject({
  message: z
    .looseObject({
      requestId: optStr,
      senderGroupingKey: optStr,
      sendResults: z.array(sendResultSchema).nullish(),
    })
    .nullish(),
});

export const templateSchema = z.looseObject({
  templateCode: z.string(),
  templateName: optStr,
  templateContent: optStr,
  status: optStr,
  statusName: optStr,
});
export type NhnTemplate = z.infer<typeof templateSchema>;

const templateOrList = z.union([z.array(templateSchema), templateSchema]);

export const templateListResponseSchema = z.looseObject({
  templateListResponse: z
    .looseObject({ templates: templateOrList.nullish(), totalCount: numberish.nullish() })
    .nullish(),
  /** single-template endpoint: wrapper key `templates` holds one object (also accepted: an array, or `template`). */
  templates: templateOrList.nullish(),
  template: templateSchema.nullish(),
});

export const messageSchema = z.looseObject({
  requestId: z.string(),
  recipientSeq: numberish,
  recipientNo: optStr,
  recipientGroupingKey: optStr,
  senderGroupingKey: optStr,
  templateCode: optStr,
  messageStatus: optStr,
  resultCode: optStr,
  resultCodeName: optStr,
  requestDate: optStr,
  receiveDate: optStr,
  resendStatus: optStr,
  resendResultCode: optStr,
});
export type NhnMessage = z.infer<typeof messageSchema>;

const messagePage = z.looseObject({
  messages: z.array(messageSchema).nullish(),
  totalCount: numberish.nullish(),
});

/** messages search and message-results: accept both the wrapped and the top-level `messages[]` shapes. */
export const messagesResponseSchema = z.looseObject({
  messageSearchResultResponse: messagePage.nullish(),
  messages: z.array(messageSchema).nullish(),
  totalCount: numberish.nullish(),
});

