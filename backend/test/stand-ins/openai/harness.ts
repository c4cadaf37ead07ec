// For tests of the production adapters: each adapter pointed at a stand-in of its own.
import { startOpenAiStandIn, type OpenAiStandIn, type OpenAiStandInOptions } from './index.ts';

/** The settings that point an adapter at the stand-in: its URL and the key it accepts. */
export interface StandInConnection {
  apiKey: string;
  baseUrl: string;
}

/** Starts a stand-in and the adapter `connect` makes for it; closing the stand-in is the caller's. */
export async function withStandIn<A>(
  connect: (connection: StandInConnection) => A,
  standInOptions: OpenAiStandInOptions = {},
): Promise<{ standIn: OpenAiStandIn; adapter: A }> {
  const standIn = await startOpenAiStandIn(standInOptions);
  return { standIn, adapter: connect({ apiKey: standIn.apiKey, baseUrl: standIn.url }) };
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('The promise resolved');
}
