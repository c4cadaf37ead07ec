/**
 * A local Zoom for tests: `zoomWebhookSender` plays Zoom's webhook delivery (signed events, the URL validation
 * challenge) against any URL, and `startRtmsStandIn` runs Realtime Media Streams signaling and media WebSocket
 * servers on an ephemeral port that check the client's handshakes and send scripted transcripts, keep-alives and
 * connection drops. Both follow Zoom's documented messages; see the file headers for what is modelled.
 */
export { startRtmsStandIn, RTMS, STATUS } from './rtms-server.ts';
export type {
  Channel,
  HandshakeRecord,
  RtmsStandIn,
  RtmsStandInOptions,
  StandInStream,
  TranscriptLine,
} from './rtms-server.ts';
export { zoomEvents, zoomWebhookSender } from './webhooks.ts';
export type { Delivery, SendOptions, ZoomWebhookSender } from './webhooks.ts';
