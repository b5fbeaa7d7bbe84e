import { z } from 'zod';
import raw from './sandbox-templates.json' with { type: 'json' };

/** A template as the fake stores and serves it (NHN's template list item shape). */
export const fakeTemplateSchema = z.looseObject({
  templateCode: z.string().min(1).max(20),
  templateName: z.string(),
  templateContent: z.string(),
  status: z.enum(['TSC01', 'TSC02', 'TSC03', 'TSC04']),
  statusName: z.string().optional(),
  templateMessageType: z.string().optional(),
  templateEmphasizeType: z.string().optional(),
  templateTitle: z.string().nullish(),
  templateHeader: z.string().nullish(),
  buttons: z.array(z.unknown()).optional(),
  quickReplies: z.array(z.unknown()).optional(),
  createDate: z.string().optional(),
  updateDate: z.string().optional(),
});
export type FakeTemplate = z.infer<typeof fakeTemplateSchema>;

export function parseFakeTemplates(json: unknown): FakeTemplate[] {
  return z.array(fakeTemplateSchema).parse(json);
}

/** Sales-team templates (variables 이름 / 전화번호 / 상태): three approved, one in review, one rejected. */
export const sandboxTemplates: FakeTemplate[] = parseFakeTemplates(raw);

export const TEMPLATE_STATUS_NAMES: Record<FakeTemplate['status'], string> = {
  TSC01: '요청',
  TSC02: '검수 중',
  TSC03: '승인',
  TSC04: '반려',
};
