// Shared by this folder's tests: the production adapter pointed at the OpenAI stand-in, and a request to give it.
import { z } from 'zod';
import { OpenAiLlm, type LlmRequest, type OpenAiLlmOptions } from '../../src/integrations/llm/index.ts';
import { withStandIn } from '../stand-ins/openai/harness.ts';
import type { OpenAiStandIn, OpenAiStandInOptions } from '../stand-ins/openai/index.ts';

export { rejectionOf } from '../stand-ins/openai/harness.ts';

export const CallSuggestion = z.object({
  opener: z.string().min(1),
  questions: z.array(z.string()).max(3),
  sentiment: z.enum(['positive', 'neutral', 'negative']),
  nextStep: z.string().nullable(),
});
export type CallSuggestion = z.infer<typeof CallSuggestion>;

export const GOOD_SUGGESTION: CallSuggestion = {
  opener: 'Thanks for taking the call, Dana.',
  questions: ['How is the rollout going?'],
  sentiment: 'positive',
  nextStep: 'Send the pricing sheet',
};

export function suggestionRequest(overrides: Partial<LlmRequest<CallSuggestion>> = {}): LlmRequest<CallSuggestion> {
  return {
    task: 'call-suggestion',
    system: 'You coach sales development reps during live calls.',
    data: {
      transcript: [{ speaker: 'prospect', text: 'We are rolling out next month.' }],
      crm: { company: 'Acme', stage: 'Discovery' },
    },
    instructions: 'Suggest how the rep should continue the call.',
    schema: CallSuggestion,
    schemaName: 'call_suggestion',
    ...overrides,
  };
}

export interface Harness {
  standIn: OpenAiStandIn;
  llm: OpenAiLlm;
}

export async function harness(
  options: Partial<OpenAiLlmOptions> = {},
  standInOptions: OpenAiStandInOptions = {},
): Promise<Harness> {
  const { standIn, adapter } = await withStandIn(
    (connection) => new OpenAiLlm({ ...connection, model: 'gpt-4o-mini', ...options }),
    standInOptions,
  );
  return { standIn, llm: adapter };
}
