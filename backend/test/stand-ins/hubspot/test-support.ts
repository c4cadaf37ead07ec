// Shared by this folder's tests: a stand-in with an SDK client signed in through the OAuth code flow.
import type { Client } from '@hubspot/api-client';
import { startHubSpotStandIn, type HubSpotStandIn, type HubSpotStandInOptions } from './index.ts';
import { sdkClient, type SdkOptions } from './sdk-client.ts';

export interface SignedIn {
  standIn: HubSpotStandIn;
  client: Client;
  accessToken: string;
  refreshToken: string;
}

export async function exchangeCode(standIn: HubSpotStandIn, code: string) {
  const { app } = standIn;
  return sdkClient(standIn).oauth.tokensApi.create(
    'authorization_code',
    code,
    app.redirectUri,
    app.clientId,
    app.clientSecret,
  );
}

export async function signedIn(options: HubSpotStandInOptions = {}, sdk: SdkOptions = {}): Promise<SignedIn> {
  const standIn = await startHubSpotStandIn(options);
  const tokens = await exchangeCode(standIn, standIn.authorize());
  const client = sdkClient(standIn, { accessToken: tokens.accessToken, ...sdk });
  return { standIn, client, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
}

// What an SDK call rejected with: the SDK's ApiException carries the status as `code`.
export interface SdkFailure {
  code: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export async function failureOf(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call;
  } catch (error) {
    return error as SdkFailure;
  }
  throw new Error('Expected the SDK call to fail, but it succeeded');
}
