import type { Clock } from '../../clock.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import type { AssistantAgent } from '../../agents/assistant/setup.ts';
import type { Logger } from '../../logger.ts';
import type { CallSink, PlatformAccounts } from './call-sink.ts';
import { liveCallSink, platformAccounts } from './live-call-sink.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { speechFromConfig, type SpeechConfig } from '../speech/from-config.ts';
import { RtmsClient } from './zoom/rtms-client.ts';
import { dbSubscriptionStore } from './teams/db-subscription-store.ts';
import { GraphClient } from './teams/graph-client.ts';
import { teamsNotifications } from './teams/notifications.ts';
import { createTranscriptSubscription, renewDueSubscriptions, transcriptResource } from './teams/subscriptions.ts';

export interface CallPlatformConfig {
  zoom: { webhookSecretToken: string | undefined; clientId: string | undefined; clientSecret: string | undefined };
  teams: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    graphBaseUrl: string | undefined;
    loginBaseUrl: string | undefined;
  };
  publicUrl: string | undefined;
  speech: SpeechConfig | null;
}

const REP_NAMES_TTL_MS = 60_000;

/**
 * The call platforms as the service runs them, all delivering into the live-call assistant: Zoom (webhooks, and
 * RTMS transcripts when the app's credentials are set; the meeting's host is taken as the rep, since reps host
 * their own calls) and Teams (Graph transcript notifications when its app is set; a voice in the transcript is the
 * rep when it carries the name of one of the workspace's users).
 */
export function callPlatforms(deps: {
  prisma: PrismaClient;
  assistant: AssistantAgent;
  config: CallPlatformConfig;
  clock: Clock;
  logger: Logger;
  box: SecretBox;
  /** Where RTMS may connect; Zoom's own hosts unless given (tests point it at a local stand-in). */
  rtmsServerPolicy?: (url: URL) => boolean;
}) {
  const sink: CallSink = liveCallSink(deps);
  const accounts: PlatformAccounts = platformAccounts(deps.prisma);
  const { clientId, clientSecret } = deps.config.zoom;
  const rtms =
    clientId && clientSecret
      ? new RtmsClient({
          clientId,
          clientSecret,
          sink,
          logger: deps.logger,
          speakers: { hostIsRep: true },
          ...(deps.rtmsServerPolicy ? { isAllowedServerUrl: deps.rtmsServerPolicy } : {}),
        })
      : null;
  const teamsConfig = deps.config.teams;
  const graph =
    teamsConfig.clientId && teamsConfig.clientSecret
      ? new GraphClient({
          clientId: teamsConfig.clientId,
          clientSecret: teamsConfig.clientSecret,
          ...(teamsConfig.graphBaseUrl ? { graphBaseUrl: teamsConfig.graphBaseUrl } : {}),
          ...(teamsConfig.loginBaseUrl ? { loginBaseUrl: teamsConfig.loginBaseUrl } : {}),
        })
      : null;
  const subscriptions = dbSubscriptionStore(deps.prisma, deps.box);
  const repNames = new Map<string, { at: number; names: Set<string> }>();
  const isRep = async (speaker: string, context: { tenantId: string }) => {
    let known = repNames.get(context.tenantId);
    if (!known || Date.now() - known.at > REP_NAMES_TTL_MS) {
      const users = await deps.prisma.user.findMany({ where: { tenantId: context.tenantId }, select: { name: true } });
      known = { at: Date.now(), names: new Set(users.map((user) => user.name.trim().toLowerCase())) };
      repNames.set(context.tenantId, known);
    }
    return known.names.has(speaker.trim().toLowerCase());
  };
  const base = deps.config.publicUrl?.replace(/\/+$/, '') ?? '';
  const teams = graph
    ? {
        graph,
        subscriptions,
        router: teamsNotifications({ sink, accounts, graph, subscriptions, isRep, logger: deps.logger }),
        /** Subscribes to every transcript of the Entra tenant's scheduled meetings (Graph validates the URL). */
        subscribe: (entraTenantId: string) =>
          createTranscriptSubscription(
            { graph, subscriptions },
            {
              entraTenantId,
              resource: transcriptResource.tenant(),
              notificationUrl: `${base}/webhooks/teams`,
              lifecycleNotificationUrl: `${base}/webhooks/teams/lifecycle`,
            },
          ),
        renewDue: () => renewDueSubscriptions({ graph, subscriptions }),
      }
    : null;
  return {
    sink,
    accounts,
    zoom: { secretToken: deps.config.zoom.webhookSecretToken, rtms },
    teams,
    /** Transcribes recorded calls; null without a provider (there is no built-in speech engine). */
    speech: speechFromConfig(deps.config.speech, { logger: deps.logger }),
    async close() {
      await rtms?.close();
      await teams?.router.settled();
    },
  };
}

export type CallPlatforms = ReturnType<typeof callPlatforms>;
