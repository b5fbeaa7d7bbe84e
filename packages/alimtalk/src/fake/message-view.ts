// A stored message as NHN shows it at a given moment: READY until its delivery time, then COMPLETED / FAILED.
import { formatKst } from '../kst.ts';
import type { StoredMessage } from './state.ts';

const DELIVERY_CODE_NAMES: Record<string, string> = {
  '1000': '성공',
  '2001': '시스템 오류',
  '3005': '메시지 전송 결과 미확인',
  '3015': '템플릿 없음',
  '3016': '템플릿 불일치',
  '3018': '메시지를 전송할 수 없음',
  '3019': '톡 유저 아님',
  '3020': '알림톡 수신 차단',
  '9999': '시스템 오류',
};

/** NHN's resendStatus for a message: none until its KakaoTalk result, in progress until its end is reported, then the end. */
function resendOf(m: StoredMessage, final: boolean, now: number) {
  if (!m.fallback) return { resendStatus: 'RSC01', resendStatusName: '대체 발송 미사용', resendResultCode: null };
  if (!final) return { resendStatus: 'RSC02', resendStatusName: '대체 발송 예정', resendResultCode: null };
  if (now < m.fallbackAt) return { resendStatus: 'RSC03', resendStatusName: '대체 발송 중', resendResultCode: null };
  // The fake's own result codes: NHN does not document resendResultCode's values.
  return m.fallback === 'sent'
    ? { resendStatus: 'RSC04', resendStatusName: '대체 발송 성공', resendResultCode: '0' }
    : { resendStatus: 'RSC05', resendStatusName: '대체 발송 실패', resendResultCode: '-1' };
}

export function statusOf(m: StoredMessage, now: number) {
  if (now < m.deliverAt)
    return { messageStatus: 'READY', resultCode: null, updateDate: m.createDate, final: false };
  return {
    messageStatus: m.finalCode === '1000' ? 'COMPLETED' : 'FAILED',
    resultCode: m.finalCode,
    // A fallback that ends later changes the message again: it shows up in a later update-date window.
    updateDate: m.fallback && now >= m.fallbackAt ? m.fallbackAt : m.deliverAt,
    final: true,
  };
}

export function messageJson(m: StoredMessage, now: number, detail: boolean) {
  const s = statusOf(m, now);
  return {
    requestId: m.requestId,
    recipientSeq: m.recipientSeq,
    plusFriendId: '@sandbox',
    senderKey: m.senderKey,
    templateCode: m.templateCode,
    recipientNo: m.recipientNo,
    ...(detail ? { content: m.content, templateParameter: m.templateParameter } : {}),
    requestDate: formatKst(new Date(m.requestDate)),
    receiveDate: s.final ? formatKst(new Date(m.deliverAt)) : null,
    createDate: formatKst(new Date(m.createDate)),
    ...resendOf(m, s.final, now),
    messageStatus: s.messageStatus,
    resultCode: s.resultCode,
    resultCodeName: s.resultCode ? (DELIVERY_CODE_NAMES[s.resultCode] ?? '실패') : null,
    senderGroupingKey: m.senderGroupingKey,
    recipientGroupingKey: m.recipientGroupingKey,
  };
}
