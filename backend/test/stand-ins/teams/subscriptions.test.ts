import { startTeamsStandIn, type TeamsStandIn } from './index.ts';
import { graph, inMinutes, startReceiver, tokenFor, type Receiver } from './test-support.ts';

const VTT = 'WEBVTT\n\n0:0:0.0 --> 0:0:5.320\n<v User Name>This is a transcript test.</v>\n';

describe('Teams stand-in: subscriptions and notifications', () => {
  let standIn: TeamsStandIn;
  let receiver: Receiver;
  let token: string;

  beforeEach(async () => {
    standIn = await startTeamsStandIn();
    receiver = await startReceiver();
    token = await tokenFor(standIn);
  });
  afterEach(async () => {
    await standIn.close();
    await receiver.close();
  });

  const subscribe = (changes: Record<string, unknown> = {}) =>
    graph(standIn, token, 'subscriptions', {
      method: 'POST',
      body: {
        changeType: 'created',
        notificationUrl: `${receiver.url}/notify?source=graph`,
        lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
        resource: 'communications/onlineMeetings/getAllTranscripts',
        expirationDateTime: inMinutes(4_000),
        clientState: 'secret-state',
        ...changes,
      },
    });

  it('validates both URLs with a URL-encoded token before creating the subscription', async () => {
    const response = await subscribe();
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      resource: 'communications/onlineMeetings/getAllTranscripts',
      changeType: 'created',
      clientState: 'secret-state',
      applicationId: standIn.clientId,
      lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
      expirationDateTime: expect.stringMatching(/\.\d{7}Z$/),
    });
    const validations = standIn.deliveries.filter((d) => d.kind === 'validation');
    expect(validations).toHaveLength(2);
    expect(receiver.received.map((r) => r.path)).toEqual(['/notify', '/lifecycle']);
    // Query parameters of the notification URL are kept, and the token arrives decoded.
    expect(receiver.received[0]!.query).toMatchObject({
      source: 'graph',
      validationToken: expect.stringMatching(/^Validation: /),
    });
    expect(validations[0]!.url).toContain('validationToken=Validation%3A%20Testing');
    expect(receiver.received[0]!.contentType).toBe('text/plain; charset=utf-8');
    expect(standIn.subscriptions()).toHaveLength(1);
  });

  it.each([
    ['wrong-body', 'Response must exactly match validationToken'],
    ['status-500', 'must respond with 200 OK'],
    ['json', 'text/plain content type'],
  ] as const)('refuses the subscription when the endpoint answers validation with %s', async (mode, message) => {
    receiver.mode = mode;
    const response = await subscribe();
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: 'ValidationError', message: expect.stringContaining(message) },
    });
    expect(standIn.subscriptions()).toHaveLength(0);
  });

  it.each([
    [{ expirationDateTime: inMinutes(4_321) }, 'can only be 4320 minutes in the future'],
    [{ lifecycleNotificationUrl: undefined }, 'lifecycleNotificationUrl is required'],
    [{ changeType: 'created,updated' }, 'is not supported'],
    [{ resource: 'me/messages' }, 'is not supported'],
    [{ clientState: 'x'.repeat(129) }, 'cannot exceed 128 characters'],
    [{ notificationUrl: 'not a url' }, 'Invalid notificationUrl'],
  ])('refuses %j', async (change, message) => {
    const response = await subscribe(change);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { message: expect.stringContaining(message) } });
  });

  it('accepts an hour or less without a lifecycle URL', async () => {
    expect((await subscribe({ lifecycleNotificationUrl: undefined, expirationDateTime: inMinutes(59) })).status).toBe(
      201,
    );
  });

  it('renews, reauthorizes, lists and deletes', async () => {
    const created = (await subscribe()).body as { id: string; expirationDateTime: string };
    const renewed = await graph(standIn, token, `subscriptions/${created.id}`, {
      method: 'PATCH',
      body: { expirationDateTime: inMinutes(4_300) },
    });
    expect(renewed.status).toBe(200);
    expect(Date.parse((renewed.body as { expirationDateTime: string }).expirationDateTime)).toBeGreaterThan(
      Date.parse(created.expirationDateTime),
    );
    const tooLong = await graph(standIn, token, `subscriptions/${created.id}`, {
      method: 'PATCH',
      body: { expirationDateTime: inMinutes(5_000) },
    });
    expect(tooLong.status).toBe(400);
    expect((await graph(standIn, token, `subscriptions/${created.id}/reauthorize`, { method: 'POST' })).status).toBe(
      204,
    );
    expect(((await graph(standIn, token, 'subscriptions')).body as { value: unknown[] }).value).toHaveLength(1);
    expect((await graph(standIn, token, `subscriptions/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await graph(standIn, token, `subscriptions/${created.id}`, { method: 'DELETE' });
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });

  it('notifies the subscriptions that cover a new transcript, in Graph’s shape', async () => {
    const tenantWide = (await subscribe()).body as { id: string };
    const organizer = (await subscribe({ resource: 'users/rep-1/onlineMeetings/getAllTranscripts' })).body as {
      id: string;
    };
    await subscribe({ resource: 'users/someone-else/onlineMeetings/getAllTranscripts' });
    receiver.received.length = 0;

    const { transcript, deliveries } = await standIn.publishTranscript({ organizerUserId: 'rep-1', vtt: VTT });

    expect(deliveries.map((d) => d.status)).toEqual([202, 202]);
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { value: Record<string, unknown>[] });
    expect(bodies.map((b) => b.value[0]!.subscriptionId).sort()).toEqual([tenantWide.id, organizer.id].sort());
    expect(bodies[0]!.value[0]).toEqual({
      subscriptionId: expect.any(String),
      changeType: 'created',
      tenantId: standIn.tenantId,
      clientState: 'secret-state',
      subscriptionExpirationDateTime: expect.any(String),
      resource: `communications/onlineMeetings('${transcript.meetingId}')/transcripts('${transcript.id}')`,
      resourceData: {
        id: transcript.id,
        '@odata.type': '#Microsoft.Graph.callTranscript',
        '@odata.id': `communications/onlineMeetings('${transcript.meetingId}')/transcripts('${transcript.id}')`,
      },
    });
  });

  it('does not notify a subscription made after the transcription started', async () => {
    await subscribe();
    const { deliveries } = await standIn.publishTranscript({
      organizerUserId: 'rep-1',
      vtt: VTT,
      createdDateTime: new Date(Date.now() - 3_600_000),
    });
    expect(deliveries).toEqual([]);
  });

  it('sends lifecycle notifications to the lifecycle URL, dropping a removed subscription first', async () => {
    const created = (await subscribe()).body as { id: string };
    receiver.received.length = 0;
    await standIn.sendLifecycle(created.id, 'reauthorizationRequired');
    await standIn.sendLifecycle(created.id, 'subscriptionRemoved');
    expect(receiver.received.map((r) => r.path)).toEqual(['/lifecycle', '/lifecycle']);
    expect(JSON.parse(receiver.received[1]!.body)).toEqual({
      value: [
        {
          subscriptionId: created.id,
          subscriptionExpirationDateTime: expect.any(String),
          tenantId: standIn.tenantId,
          clientState: 'secret-state',
          lifecycleEvent: 'subscriptionRemoved',
        },
      ],
    });
    expect(standIn.subscription(created.id)).toBeUndefined();
  });

  it('needs the transcript permission to subscribe', async () => {
    const limited = await startTeamsStandIn({ roles: ['User.Read.All'] });
    try {
      const response = await graph(limited, await tokenFor(limited), 'subscriptions', {
        method: 'POST',
        body: { changeType: 'created', resource: 'communications/onlineMeetings/getAllTranscripts' },
      });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: { code: 'Forbidden' } });
    } finally {
      await limited.close();
    }
  });
});
