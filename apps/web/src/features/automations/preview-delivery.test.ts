import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '@/i18n/namespaces/automations.en.json';
import ko from '@/i18n/namespaces/automations.ko.json';
import { previewDeliveryLines } from './preview-delivery';
import type { AutomationsT } from './text';

let tKo: AutomationsT;
let tEn: AutomationsT;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ interpolation: { escapeValue: false }, lng: 'ko', fallbackLng: 'ko', ns: ['automations'], defaultNS: 'automations', resources: { ko: { automations: ko }, en: { automations: en } } });
  tKo = i18n.getFixedT('ko', 'automations');
  tEn = i18n.getFixedT('en', 'automations');
});

// 2026-12-02 15:00 KST; the window opens the next morning at 09:00 KST.
const NOW = new Date('2026-12-02T06:00:00Z');
const OPENING = '2026-12-03T00:00:00.000Z';

describe('preview delivery lines', () => {
  it('says what would happen to each group of matching records, the opening in KST words', () => {
    const delivery = { sendNow: 0, heldByWindow: 1200, frequencyCapped: 3, cooldown: 2, until: OPENING };
    expect(previewDeliveryLines(delivery, tKo, 'ko', NOW)).toEqual([
      '1,200건은 발송 가능 시간까지 대기 (내일 09:00)',
      '3건은 빈도 제한에 걸려 건너뜀',
      '2건은 이 규칙의 쿨다운 중이라 건너뜀',
    ]);
    expect(previewDeliveryLines(delivery, tEn, 'en', NOW)).toEqual([
      '1,200: Waiting for the send window (tomorrow 09:00)',
      '3 skipped by the frequency cap',
      "2 skipped: inside this rule's cooldown",
    ]);
  });

  it('names sends that go out now, and nothing for outcomes no record has', () => {
    expect(previewDeliveryLines({ sendNow: 4, heldByWindow: 0, frequencyCapped: 0, cooldown: 0, until: null }, tKo, 'ko', NOW)).toEqual(['4건은 바로 발송']);
    expect(previewDeliveryLines({ sendNow: 0, heldByWindow: 0, frequencyCapped: 0, cooldown: 0, until: null }, tEn, 'en', NOW)).toEqual([]);
  });

  it('a window that never opens says to check its days', () => {
    expect(previewDeliveryLines({ sendNow: 0, heldByWindow: 2, frequencyCapped: 0, cooldown: 0, until: null }, tKo, 'ko', NOW)).toEqual([
      '2건은 발송 가능 시간이 없어 대기 (발송 시간 설정 확인)',
    ]);
  });
});
