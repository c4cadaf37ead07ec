// lightning/empApi as sfdx-lwc-jest lacks it: subscriptions are kept per channel so a test can deliver an event
// the way CometD would, and see which channels a component still listens to.
let subscriptions = [];
let nextId = 1;
let subscribeError;
let empEnabled = true;

function subscribeImpl(channel, replayId, onMessageCallback) {
  if (subscribeError) {
    return Promise.reject(subscribeError);
  }
  const subscription = { id: `_${nextId}`, channel, replayId };
  nextId += 1;
  subscriptions.push({ subscription, onMessageCallback });
  return Promise.resolve(subscription);
}

function unsubscribeImpl(subscription, callback) {
  const before = subscriptions.length;
  subscriptions = subscriptions.filter((entry) => entry.subscription.id !== (subscription && subscription.id));
  const response = { successful: subscriptions.length < before, subscription: subscription && subscription.id };
  if (typeof callback === 'function') {
    callback(response);
  }
  return Promise.resolve(response.successful);
}

export const subscribe = jest.fn(subscribeImpl);
export const unsubscribe = jest.fn(unsubscribeImpl);
export const onError = jest.fn();
export const setDebugFlag = jest.fn();
export const isEmpEnabled = jest.fn(() => Promise.resolve(empEnabled));

export const empApiMock = {
  /** Forgets every subscription and puts the implementations back (jest.resetAllMocks removes them). */
  reset() {
    subscriptions = [];
    nextId = 1;
    subscribeError = undefined;
    empEnabled = true;
    subscribe.mockReset().mockImplementation(subscribeImpl);
    unsubscribe.mockReset().mockImplementation(unsubscribeImpl);
    onError.mockReset();
    setDebugFlag.mockReset();
    isEmpEnabled.mockReset().mockImplementation(() => Promise.resolve(empEnabled));
  },

  /** Makes the next subscribe calls fail, as they do when the org has streaming turned off. */
  setSubscribeError(error) {
    subscribeError = error;
  },

  setEmpEnabled(enabled) {
    empEnabled = enabled;
  },

  /** The channels subscribed to now, once per open subscription. */
  activeChannels() {
    return subscriptions.map((entry) => entry.subscription.channel);
  },

  /** Delivers a Platform Event message, shaped as CometD delivers it, to every subscriber of its channel. */
  publish(channel, payload, replayId = 1) {
    const message = {
      channel,
      data: { schema: 'mock-schema', payload, event: { replayId, EventUuid: `event-${replayId}` } },
    };
    subscriptions
      .filter((entry) => entry.subscription.channel === channel)
      .forEach((entry) => entry.onMessageCallback(message));
  },
};
