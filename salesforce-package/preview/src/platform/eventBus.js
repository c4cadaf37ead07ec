// The org's streaming channels, in the page: what lightning/empApi subscribers hear, and what the preview publishes
// where Salesforce would (the call replay stands in for the service publishing SDR_Call_Event__e).

let subscriptions = [];
let nextSubscription = 1;
let nextReplayId = 1;

export function addSubscription(channel, replayId, onMessage) {
  const subscription = { id: `_${nextSubscription}`, channel, replayId };
  nextSubscription += 1;
  subscriptions.push({ subscription, onMessage });
  return subscription;
}

export function removeSubscription(subscription) {
  const before = subscriptions.length;
  const id = subscription && subscription.id;
  subscriptions = subscriptions.filter((entry) => entry.subscription.id !== id);
  return subscriptions.length < before;
}

/** Delivers a Platform Event as CometD does: `{ channel, data: { schema, payload, event: { replayId } } }`. */
export function publish(channel, payload) {
  const replayId = nextReplayId;
  nextReplayId += 1;
  const message = {
    channel,
    data: {
      schema: 'preview',
      payload: { ...payload, CreatedDate: new Date().toISOString() },
      event: { replayId, EventUuid: `preview-${replayId}` },
    },
  };
  subscriptions
    .filter((entry) => entry.subscription.channel === channel)
    .forEach((entry) => {
      // Each subscriber on its own turn, as CometD delivers them: one that throws does not starve the others.
      setTimeout(() => entry.onMessage(message), 0);
    });
  return message;
}

export function subscriberCount(channel) {
  return subscriptions.filter((entry) => entry.subscription.channel === channel).length;
}
