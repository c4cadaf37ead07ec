import type { Clock } from '../../clock.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import type { AssistantAgent } from '../../agents/assistant/setup.ts';
import type { Logger } from '../../logger.ts';
import type { CallSink, PlatformAccounts } from './call-sink.ts';
import { liveCallSink, platformAccounts } from './live-call-sink.ts';
import { RtmsClient } from './zoom/rtms-client.ts';

export interface CallPlatformConfig {
  zoom: { webhookSecretToken: string | undefined; clientId: string | undefined; clientSecret: string | undefined };
}

/**
 * The call platforms as the service runs them, all delivering into the live-call assistant: Zoom (webhooks, and
 * RTMS transcripts when the app's credentials are set; the meeting's host is taken as the rep, since reps host
 * their own calls).
 */
export function callPlatforms(deps: {
  prisma: PrismaClient;
  assistant: AssistantAgent;
  config: CallPlatformConfig;
  clock: Clock;
  logger: Logger;
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
  return {
    sink,
    accounts,
    zoom: { secretToken: deps.config.zoom.webhookSecretToken, rtms },
    async close() {
      await rtms?.close();
    },
  };
}

export type CallPlatforms = ReturnType<typeof callPlatforms>;
