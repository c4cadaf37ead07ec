import { spawn } from 'node:child_process';
import net from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** True when a Redis server answers PING at host:port. */
export function answersPing(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The Redis the tests use: TEST_REDIS_URL when set, else the one on the standard port, else a private server started
 * for this run on a free port (nothing kept on disk), stopped by `stop()`.
 */
export async function testRedis() {
  if (process.env.TEST_REDIS_URL) return { url: process.env.TEST_REDIS_URL, stop: () => {} };
  if (await answersPing('127.0.0.1', 6379)) return { url: 'redis://127.0.0.1:6379', stop: () => {} };
  const port = await freePort();
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let failure = '';
  child.stderr.on('data', (chunk) => (failure += chunk));
  child.on('error', (error) => (failure += error.message));
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (await answersPing('127.0.0.1', port, 500)) {
      return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
    }
    if (child.exitCode !== null || failure) break;
    await delay(100);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on 127.0.0.1:${port}${failure ? `: ${failure.trim()}` : ''}`);
}
