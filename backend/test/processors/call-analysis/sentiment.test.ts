import { sentimentOf } from '../../../src/processors/call-analysis/sentiment.ts';

describe('sentiment', () => {
  it('is positive for praise and negative for complaints', () => {
    expect(sentimentOf('That dashboard looks brilliant, I love the driver scoring.')).toBeGreaterThan(0.3);
    expect(sentimentOf('The install was a disaster and the engineers were terrible.')).toBeLessThan(-0.3);
  });

  it('is negation-aware', () => {
    expect(sentimentOf("We're not happy with our current provider.")).toBeLessThan(0);
    expect(sentimentOf("We're happy with our current provider.")).toBeGreaterThan(0);
  });

  it('is 0 for neutral talk and empty text', () => {
    expect(sentimentOf('We run 120 vans out of Leeds.')).toBe(0);
    expect(sentimentOf('')).toBe(0);
    expect(sentimentOf('   ')).toBe(0);
  });

  it('stays within [-1, 1]', () => {
    const extremes = [
      'fantastic superb outstanding brilliant amazing wonderful',
      'horrendous catastrophic disgusting terrible awful abysmal',
      '🎉🎉🎉 :) :D love love love',
    ];
    for (const text of extremes) {
      const value = sentimentOf(text);
      expect(value).toBeGreaterThanOrEqual(-1);
      expect(value).toBeLessThanOrEqual(1);
    }
  });
});
