import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_GROUPS, ageGroup, ageGroupIndex, fer2013FromFaceApi } from '../../src/tasks/labels.js';

describe('ageGroup', () => {
  it('puts ages inside a group into it', () => {
    expect([0, 2, 4, 6, 8, 13, 15, 20, 25, 32, 38, 43, 48, 53, 60, 95].map(ageGroup)).toEqual(
      ['0-2', '0-2', '4-6', '4-6', '8-13', '8-13', '15-20', '15-20', '25-32', '25-32', '38-43', '38-43', '48-53', '48-53', '60+', '60+']);
  });

  it('sends ages between groups to the nearest one (ties to the older)', () => {
    expect(ageGroup(2.4)).toBe('0-2');
    expect(ageGroup(3)).toBe('4-6'); // 1 from both: older
    expect(ageGroup(14)).toBe('15-20');
    expect(ageGroup(22)).toBe('15-20');
    expect(ageGroup(23)).toBe('25-32');
    expect(ageGroup(35)).toBe('38-43'); // 3 from 32, 3 from 38: older
    expect(ageGroup(36)).toBe('38-43');
    expect(ageGroup(57)).toBe('60+');
  });

  it('is monotonic in age', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 120, noNaN: true }), fc.double({ min: 0, max: 120, noNaN: true }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(ageGroupIndex(ageGroup(lo))).toBeLessThanOrEqual(ageGroupIndex(ageGroup(hi)));
    }), { seed: 1, numRuns: 300 });
    expect(AGE_GROUPS).toHaveLength(8);
  });

  it('rejects NaN and negative ages', () => {
    expect(() => ageGroup(NaN)).toThrow(expect.objectContaining({ code: 'E_NUMERIC' }));
    expect(() => ageGroup(-1)).toThrow(expect.objectContaining({ code: 'E_NUMERIC' }));
  });
});

describe('fer2013FromFaceApi', () => {
  it('renames face-api classes to FER2013 names', () => {
    const p = fer2013FromFaceApi(['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'], [0.1, 0.2, 0.05, 0.15, 0.3, 0.1, 0.1]);
    expect(p).toEqual({ angry: 0.15, disgust: 0.1, fear: 0.3, happy: 0.2, sad: 0.05, surprise: 0.1, neutral: 0.1 });
  });
});
