import { describe, expect, it } from 'vitest';
import { decodeContext, encodeContext, MAX_CONTEXT_LENGTH } from '../../worker/chat/context';
import type { SessionState } from '../../worker/chat/engine';

describe('client-held conversation context', () => {
  it('round-trips a state with Vietnamese option labels', () => {
    const state: SessionState = {
      procedure: '1.001193',
      aspect: 'fee',
      caseIndex: 1,
      options: [
        { label: 'Đăng ký khai sinh có yếu tố nước ngoài', code: '1.001695' },
        { label: 'Trường hợp trẻ em bị bỏ rơi', code: '1.001193', caseIndex: 2 },
      ],
      pendingAspect: 'components',
    };
    const token = encodeContext(state)!;
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+$/u);
    expect(decodeContext(token)).toEqual(state);
  });

  it('gives no token for a state with nothing to remember', () => {
    expect(encodeContext({})).toBeNull();
    expect(encodeContext({ options: [] })).toBeNull();
  });

  it('reads anything malformed, foreign or oversized as no context', () => {
    const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
    for (const token of [
      null,
      undefined,
      '',
      'v1.',
      'v2.' + b64('{"procedure":"1.001193"}'),
      'v1.' + b64('not json'),
      'v1.' + b64('{"aspect":"everything"}'),
      'v1.' + b64('{"caseIndex":-1}'),
      'v1.' + Buffer.from([0xff, 0xfe]).toString('base64url'),
      'v1.%%%',
      'v1.' + 'A'.repeat(MAX_CONTEXT_LENGTH),
    ]) {
      expect(decodeContext(token), String(token)).toBeNull();
    }
  });
});
