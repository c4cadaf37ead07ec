import type { JwtRegistration } from './jwt-bearer.ts';
import type { NamedCredentials } from './named-credentials.ts';
import type { RecordStore, StoredRecord } from './records.ts';
import type { Schema } from './schema.ts';
import type { Sessions } from './sessions.ts';
import type { SoqlEngine } from './soql-engine.ts';

/** What every part of the stand-in shares: one org, its connected app and its API usage. */

export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface Org {
  orgId: string;
  /** The server's base URL, both login URL and instance URL. */
  url: () => string;
  clock: () => number;
  schema: Schema;
  store: RecordStore;
  soql: SoqlEngine;
  sessions: Sessions;
  app: ConnectedApp;
  jwtRegistrations: JwtRegistration[];
  /** The user the web-server flow approves as, and the one test-side writes act as. */
  defaultUserId: string;
  findUser: (usernameOrId: string) => StoredRecord | undefined;
  apiUsage: { used: number; max: number };
  latestVersion: string;
  /** External and named credentials, as deployed metadata and the Connect REST API see them. */
  namedCredentials: NamedCredentials;
  /** Names of the Apex classes deployed (the stand-in runs no Apex; see tooling.ts). */
  apexClasses: Set<string>;
}
