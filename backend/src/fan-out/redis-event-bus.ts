import { createRequire } from 'node:module';
import type * as IoRedis from 'ioredis';
import type { Redis } from 'ioredis';
import type { EventBus } from './event-bus.ts';

// ioredis is loaded only by a service configured with REDIS_URL, not by every start.
const load = createRequire(import.meta.url);

/**
 * Redis pub/sub between replicas: one connection publishes, one subscribes (a subscribed Redis connection can do
 * nothing else). Each channel is subscribed once per process however many local listeners it has, and a message
 * reaches local listeners only through Redis, so there is one path and one order for every listener.
 */
export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Set<(message: string) => void>>();
  /** Redis subscriptions under way: a second listener waits for the first's, so neither misses a message. */
  private readonly subscribing = new Map<string, Promise<unknown>>();

  constructor(url: string) {
    // Fail fast rather than queue: a live call cannot wait for Redis to come back.
    const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false };
    const { Redis: RedisClient } = load('ioredis') as typeof IoRedis;
    this.publisher = new RedisClient(url, options);
    this.subscriber = new RedisClient(url, options);
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(message);
    });
  }

  async ready(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(channel, message);
  }

  async subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      const subscribed = this.subscriber.subscribe(channel);
      this.subscribing.set(channel, subscribed);
      subscribed.finally(() => this.subscribing.delete(channel)).catch(() => undefined);
    }
    set.add(listener);
    await this.subscribing.get(channel);
    const own = set;
    return async () => {
      own.delete(listener);
      if (own.size === 0 && this.listeners.get(channel) === own) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel);
      }
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
