import { findQuestions, type QuestionTopic } from '../../../src/processors/call-analysis/questions.ts';

const asked = (text: string) => findQuestions(text).map((q) => [q.match, q.topic]);

describe('questions', () => {
  it.each<[string, QuestionTopic]>([
    ['How much is it per van per month?', 'pricing'],
    ['Is there a discount if we do all 140 vehicles?', 'pricing'],
    ['Does it integrate with Sage?', 'integration'],
    ['Can you push the mileage into our payroll system?', 'integration'],
    ['Where is the data stored, is it UK hosted?', 'security'],
    ['Are you GDPR compliant?', 'security'],
    ['How long does installation take for the whole fleet?', 'implementation'],
    ['Who does the fitting, your engineers or ours?', 'implementation'],
    ['How long is the contract?', 'contract'],
    ['Is there a minimum term?', 'contract'],
    ['Does the dashcam record when the ignition is off?', 'product'],
    ['Can drivers see their own scores in the app?', 'product'],
    ['Who else have you worked with in the north?', 'other'],
  ])('%s → %s', (text, topic) => {
    expect(asked(text)).toEqual([[text, topic]]);
  });

  it('finds questions without a question mark by how they open', () => {
    expect(asked('how much would that be for the whole fleet')).toEqual([
      ['how much would that be for the whole fleet', 'pricing'],
    ]);
    expect(asked('So, um, do you integrate with Xero')).toEqual([
      ['So, um, do you integrate with Xero', 'integration'],
    ]);
    expect(asked('what about the older vans.')).toEqual([['what about the older vans.', 'other']]);
    expect(asked('is there a setup fee')).toEqual([['is there a setup fee', 'pricing']]);
    expect(asked('Can you send me the pricing')).toEqual([['Can you send me the pricing', 'pricing']]);
  });

  it('separates the questions of one turn, with their offsets', () => {
    const text = 'Right. Is there a minimum term? And what about GDPR? We had an audit last year.';
    expect(findQuestions(text)).toEqual([
      { match: 'Is there a minimum term?', topic: 'contract', index: 7 },
      { match: 'And what about GDPR?', topic: 'security', index: 32 },
    ]);
  });

  it('ranks pricing first when a question touches several topics', () => {
    expect(asked('What does the Sage integration cost?')).toEqual([
      ['What does the Sage integration cost?', 'pricing'],
    ]);
  });

  it('ignores statements that merely contain question words', () => {
    expect(findQuestions('What I want is a simple system.')).toEqual([]);
    expect(findQuestions('When we spoke last week you mentioned dashcams.')).toEqual([]);
    expect(findQuestions('How we do it now is spreadsheets.')).toEqual([]);
    expect(findQuestions('We have 120 vans. They cost £1.50 a mile to run.')).toEqual([]);
  });

  it('ignores tags and back-channels', () => {
    expect(findQuestions('Right?')).toEqual([]);
    expect(findQuestions('Sorry?')).toEqual([]);
    expect(findQuestions('You know?')).toEqual([]);
    expect(asked("It's ISO 27001 certified, right?")).toEqual([["It's ISO 27001 certified, right?", 'security']]);
  });
});
