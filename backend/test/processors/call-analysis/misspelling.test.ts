import { editDistance, misspellingEdits } from '../../../src/processors/call-analysis/misspelling.ts';

describe('misspellings', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('trakwlel', 'trakwell')).toBe(1);
    expect(editDistance('rtakwell', 'trakwell')).toBe(1);
    expect(editDistance('trakwell', 'trakwell')).toBe(0);
    expect(editDistance('trackwel', 'trakwell')).toBe(2);
  });

  it('allows one edit up to eight letters and two beyond', () => {
    expect(misspellingEdits('trackwell', 'trakwell')).toBe(1);
    expect(misspellingEdits('trakwel', 'trakwell')).toBe(1);
    expect(misspellingEdits('trackwel', 'trakwell')).toBeNull();
    expect(misspellingEdits('rootline', 'routeline')).toBe(2);
  });

  it('keeps the first letter, the length within one, and for two edits the last letter', () => {
    expect(misspellingEdits('drakwell', 'trakwell')).toBeNull();
    expect(misspellingEdits('routine', 'routeline')).toBeNull();
    expect(misspellingEdits('routeing', 'routeline')).toBeNull();
  });

  it('leaves short terms and words alone', () => {
    expect(misspellingEdits('trak', 'trek')).toBeNull();
    expect(misspellingEdits('track', 'trak')).toBeNull();
    expect(misspellingEdits('fleet', 'fleet')).toBeNull();
  });
});
