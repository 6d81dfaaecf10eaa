import { describe, expect, test } from 'vitest';
import { signalClass } from '../../src/core/report/signal-class.ts';

describe('signalClass', () => {
  test('the centre decides first, then the village under the rule', () => {
    expect(signalClass({ status: 'ok', mobile_centre_covered: false, mobile_covered: false })).toBe('trang-song');
    expect(signalClass({ status: 'ok', mobile_centre_covered: true, mobile_covered: false })).toBe('lom-song');
    expect(signalClass({ status: 'ok', mobile_centre_covered: true, mobile_covered: true })).toBe('phu-song');
    // Covered by area or population, but the centre (the cultural house) is dark: still trắng sóng.
    expect(signalClass({ status: 'ok', mobile_centre_covered: false, mobile_covered: true })).toBe('trang-song');
  });

  test('unknown stays unknown: an invalid village or a mobile measure without a BTS layer', () => {
    expect(signalClass({ status: 'invalid', mobile_centre_covered: false, mobile_covered: false })).toBeNull();
    expect(signalClass({ status: 'ok', mobile_centre_covered: null, mobile_covered: null })).toBeNull();
    expect(signalClass({ status: 'ok', mobile_centre_covered: true, mobile_covered: null })).toBeNull();
  });
});
