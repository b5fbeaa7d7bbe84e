// The Korean for every message the delivery-settings schemas (send window, rule window mode, frequency cap) can give.
// The schemas speak English, the language of the API's reference; the API answers a Korean caller with these, keyed
// by the English message, so a schema message without a Korean line is caught by the test that walks them all.
import { MAX_FREQUENCY_CAP_LIMIT, MAX_FREQUENCY_CAP_PERIOD_HOURS } from './frequency-cap.ts';

const time = (en: string, ko: string, example: string): [string, string][] => [
  [`${en} must be a time like ${example}`, `${ko}은 ${example}처럼 입력하세요`],
  [`${en} must be a time like ${example} (00:00–24:00)`, `${ko}은 ${example}처럼 입력하세요 (00:00–24:00)`],
];

export const DELIVERY_SETTINGS_MESSAGES_KO: Readonly<Record<string, string>> = Object.fromEntries([
  ['Days must be mon, tue, wed, thu, fri, sat or sun', '요일은 mon, tue, wed, thu, fri, sat, sun 중에서 고르세요'],
  ['Days must be a list', '요일은 목록으로 보내야 합니다'],
  ['Choose at least one day', '요일을 하나 이상 고르세요'],
  ...time('Start', '시작 시각', '09:00'),
  ...time('End', '종료 시각', '20:00'),
  ['skipHolidays must be true or false', 'skipHolidays는 true 또는 false여야 합니다'],
  [
    'The window must end after it starts on the same day; windows cannot cross midnight',
    '종료 시각은 같은 날 시작 시각보다 늦어야 합니다. 자정을 넘는 발송 가능 시간은 설정할 수 없습니다',
  ],
  ['Send window mode must be inherit, always or custom', '발송 시간 설정은 inherit, always, custom 중 하나여야 합니다'],
  ['The cap must be a number of messages', '빈도 제한은 메시지 건수(숫자)로 입력하세요'],
  ['The cap must be a whole number of messages', '빈도 제한은 정수 건수로 입력하세요'],
  ['The cap must allow at least 1 message', '빈도 제한은 1건 이상이어야 합니다'],
  [`The cap can be at most ${MAX_FREQUENCY_CAP_LIMIT} messages`, `빈도 제한은 최대 ${MAX_FREQUENCY_CAP_LIMIT}건입니다`],
  ['The period must be a number of hours', '기간은 시간 수(숫자)로 입력하세요'],
  ['The period must be a whole number of hours', '기간은 정수 시간으로 입력하세요'],
  ['The period must be at least 1 hour', '기간은 1시간 이상이어야 합니다'],
  [`The period can be at most ${MAX_FREQUENCY_CAP_PERIOD_HOURS} hours`, `기간은 최대 ${MAX_FREQUENCY_CAP_PERIOD_HOURS}시간입니다`],
]);
