import { schedule } from '../src/platform/callReplay.js';

// The replay's pacing: each line as an interim, then final, in order, faster by `speed`, silences capped.

const line = (segmentId: string, startMs: number, endMs: number, text: string) => ({
  segmentId,
  speaker: 'rep',
  startMs,
  endMs,
  text,
  final: true,
});

test('a line is sent half-heard, then whole, and lines keep their order', () => {
  const steps = schedule(
    [line('a', 1000, 3000, 'one two three four five six'), line('b', 3500, 4500, 'short line')],
    1,
  );
  expect(steps.map((step) => [step.segment.segmentId, step.segment.final, step.segment.text])).toEqual([
    ['a', false, 'one two three'],
    ['a', true, 'one two three four five six'],
    ['b', true, 'short line'],
  ]);
  expect(steps.map((step) => step.at)).toEqual([1000, 2000, 3500]);
});

test('speed divides every wait, and a long silence is cut short', () => {
  const steps = schedule([line('a', 0, 1000, 'hi'), line('b', 60_000, 61_000, 'there')], 4);
  expect(steps.map((step) => step.at)).toEqual([250, (1000 + 4000 + 1000) / 4]);
});

test('the segments keep the recording offsets the API validates', () => {
  const [step] = schedule([line('a', 1200, 2400, 'hello')], 10);
  expect(step!.segment).toEqual({
    segmentId: 'a',
    speaker: 'rep',
    startMs: 1200,
    endMs: 2400,
    text: 'hello',
    final: true,
  });
});
