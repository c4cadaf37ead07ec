import { addSubscription, removeSubscription } from '../eventBus.js';

// lightning/empApi over the page's event bus. Only events published from now on exist here, so every replay id
// behaves as -1 does in Salesforce.

export function subscribe(channel, replayId, onMessageCallback) {
  return Promise.resolve(addSubscription(channel, replayId, onMessageCallback));
}

export function unsubscribe(subscription, callback) {
  const successful = removeSubscription(subscription);
  if (typeof callback === 'function') callback({ successful, subscription: subscription && subscription.id });
  return Promise.resolve(successful);
}

export function onError() {}

export function setDebugFlag() {}

export function isEmpEnabled() {
  return Promise.resolve(true);
}
