import { createHmac } from 'node:crypto';
import WebSocket from 'ws';
import { RTMS, STATUS, startRtmsStandIn, type RtmsStandIn } from './index.ts';

const clientId = 'standin-client-id';
const clientSecret = 'standin-client-secret';
const meetingUuid = 'fW5Rm0Y/RZ2+e3v0BQ0bHg==';
const streamId = '03db704592624398931a588dd78200cb';
const sign = (secret = clientSecret) =>
  createHmac('sha256', secret).update(`${clientId},${meetingUuid},${streamId}`).digest('hex');

type Message = Record<string, unknown>;

/** A bare WebSocket client that keeps every message and waits for the one a test expects. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  const messages: Message[] = [];
  const waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  let closed = false;
  const closing = new Promise<void>((resolve) => socket.on('close', () => ((closed = true), resolve())));
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Message;
    messages.push(message);
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(message)) waiter.resolve(message);
      else waiters.push(waiter);
    }
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    messages,
    send: (message: Message) => socket.send(JSON.stringify(message)),
    next: (match: (m: Message) => boolean) =>
      new Promise<Message>((resolve) => {
        const seen = messages.find(match);
        if (seen) return resolve(seen);
        waiters.push({ match, resolve });
      }),
    closed: () => closing.then(() => closed),
    close: () => socket.close(),
  };
}

const ofType = (type: number) => (m: Message) => m.msg_type === type;

describe('RTMS stand-in', () => {
  let zoom: RtmsStandIn;
  beforeEach(async () => {
    zoom = await startRtmsStandIn({ clientId, clientSecret });
  });
  afterEach(() => zoom.close());

  async function handshaken() {
    const stream = zoom.stream(meetingUuid, streamId);
    const signaling = await connect(stream.serverUrls);
    signaling.send({
      msg_type: 1,
      protocol_version: 1,
      sequence: 1,
      meeting_uuid: meetingUuid,
      rtms_stream_id: streamId,
      signature: sign(),
    });
    const answer = await signaling.next(ofType(RTMS.SIGNALING_HAND_SHAKE_RESP));
    const urls = (answer.media_server as { server_urls: Record<string, string> }).server_urls;
    const media = await connect(urls.transcript!);
    media.send({
      msg_type: 3,
      protocol_version: 1,
      sequence: 2,
      meeting_uuid: meetingUuid,
      rtms_stream_id: streamId,
      signature: sign(),
      media_type: 8,
    });
    await media.next(ofType(RTMS.DATA_HAND_SHAKE_RESP));
    signaling.send({ msg_type: 7, rtms_stream_id: streamId });
    await stream.ready();
    return { stream, signaling, media, answer };
  }

  it('answers a well signed signaling handshake with the media URLs, then the first packet timestamp', async () => {
    const { answer, signaling } = await handshaken();
    expect(answer).toMatchObject({
      status_code: STATUS.OK,
      media_server: { server_urls: { transcript: zoom.mediaUrl, all: zoom.mediaUrl } },
    });
    expect(await signaling.next(ofType(RTMS.EVENT_UPDATE))).toMatchObject({ event: { event_type: 1 } });
  });

  it('refuses a handshake signed with another secret or for an unknown stream, and hangs up', async () => {
    const stream = zoom.stream(meetingUuid, streamId);
    const badSignature = await connect(stream.serverUrls);
    badSignature.send({
      msg_type: 1,
      protocol_version: 1,
      meeting_uuid: meetingUuid,
      rtms_stream_id: streamId,
      signature: sign('wrong'),
    });
    expect(await badSignature.next(ofType(2))).toMatchObject({ status_code: STATUS.INVALID_SIGNATURE });
    expect(await badSignature.closed()).toBe(true);

    const unknown = await connect(stream.serverUrls);
    unknown.send({
      msg_type: 1,
      protocol_version: 1,
      meeting_uuid: meetingUuid,
      rtms_stream_id: 'nope',
      signature: sign(),
    });
    expect(await unknown.next(ofType(2))).toMatchObject({ status_code: STATUS.INVALID_RTMS_STREAM_ID });
    expect(stream.handshakes.map((h) => h.statusCode)).toEqual([STATUS.INVALID_SIGNATURE]);
  });

  it('refuses a second signaling connection for a stream', async () => {
    const { stream } = await handshaken();
    const second = await connect(stream.serverUrls);
    second.send({
      msg_type: 1,
      protocol_version: 1,
      meeting_uuid: meetingUuid,
      rtms_stream_id: streamId,
      signature: sign(),
    });
    expect(await second.next(ofType(2))).toMatchObject({ status_code: STATUS.DUPLICATE_SIGNAL_REQUEST });
  });

  it('holds transcripts until the client is ready, then sends them in order as documented', async () => {
    const stream = zoom.stream(meetingUuid, streamId);
    stream.say({
      userId: 16778240,
      userName: 'Rep',
      text: 'Hello',
      startTime: 1_000,
      endTime: 2_000,
      timestamp: 2_100,
    });
    const { media } = await handshaken();
    stream.say({ userId: 33556610, userName: 'Prospect', text: 'Hi there' });
    await media.next((m) => m.msg_type === 17 && (m.content as Message).data === 'Hi there');
    const transcripts = media.messages.filter(ofType(RTMS.MEDIA_DATA_TRANSCRIPT));
    expect(transcripts[0]).toEqual({
      msg_type: 17,
      content: {
        user_id: 16778240,
        user_name: 'Rep',
        start_time: 1_000,
        end_time: 2_000,
        timestamp: 2_100,
        language: 9,
        data: 'Hello',
      },
    });
    expect(transcripts.map((m) => (m.content as Message).data)).toEqual(['Hello', 'Hi there']);
  });

  it('sends keep-alive requests on either connection and pairs the echoed response', async () => {
    const { stream, signaling, media } = await handshaken();
    const request = signaling.next(ofType(RTMS.KEEP_ALIVE_REQ));
    const answered = stream.keepAlive('signaling');
    const { timestamp } = await request;
    signaling.send({ msg_type: 13, timestamp });
    expect(await answered).toEqual({ msg_type: 13, timestamp });

    const mediaRequest = media.next(ofType(RTMS.KEEP_ALIVE_REQ));
    const mediaAnswered = stream.keepAlive('media');
    media.send({ msg_type: 13, timestamp: (await mediaRequest).timestamp });
    await expect(mediaAnswered).resolves.toMatchObject({ msg_type: 13 });
  });

  it('drops a connection after three unanswered keep-alives when sending them periodically', async () => {
    await zoom.close();
    zoom = await startRtmsStandIn({ clientId, clientSecret, keepAliveIntervalMs: 20 });
    const stream = zoom.stream(meetingUuid, streamId);
    const signaling = await connect(stream.serverUrls);
    signaling.send({
      msg_type: 1,
      protocol_version: 1,
      meeting_uuid: meetingUuid,
      rtms_stream_id: streamId,
      signature: sign(),
    });
    expect(await signaling.closed()).toBe(true);
    expect(signaling.messages.filter(ofType(RTMS.KEEP_ALIVE_REQ)).length).toBeGreaterThanOrEqual(3);
  });

  it('queues lines while media is down and can redeliver the last ones after the reconnect', async () => {
    const { stream, signaling, media } = await handshaken();
    stream.say({ userId: 1, userName: 'A', text: 'one' });
    stream.say({ userId: 1, userName: 'A', text: 'two' });
    await media.next((m) => (m.content as Message | undefined)?.data === 'two');
    stream.dropMedia({ redeliver: 1 });
    expect(await media.closed()).toBe(true);
    stream.say({ userId: 1, userName: 'A', text: 'three' });

    const again = await connect(zoom.mediaUrl);
    again.send({
      msg_type: 3,
      protocol_version: 1,
      meeting_uuid: meetingUuid,
      rtms_stream_id: streamId,
      signature: sign(),
      media_type: 32,
    });
    await again.next(ofType(RTMS.DATA_HAND_SHAKE_RESP));
    signaling.send({ msg_type: 7, rtms_stream_id: streamId });
    await stream.ready(2);
    await again.next((m) => (m.content as Message | undefined)?.data === 'three');
    expect(again.messages.filter(ofType(17)).map((m) => (m.content as Message).data)).toEqual(['two', 'three']);
  });

  it('terminates the stream with a stream state update and refuses it afterwards', async () => {
    const { stream, signaling, media } = await handshaken();
    stream.terminate();
    expect(await signaling.next(ofType(RTMS.STREAM_STATE_UPDATE))).toMatchObject({ state: 4, reason: 6 });
    expect(await media.closed()).toBe(true);
    const late = await connect(stream.serverUrls);
    late.send({
      msg_type: 1,
      protocol_version: 1,
      meeting_uuid: meetingUuid,
      rtms_stream_id: streamId,
      signature: sign(),
    });
    expect(await late.next(ofType(2))).toMatchObject({ status_code: STATUS.INVALID_RTMS_STREAM_ID });
  });
});
