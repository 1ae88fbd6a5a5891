// The Redis a suite's queue lives on (docs/queue.md): the URL as the user typed it, checked in
// one line, and a reachability check that gives up after a few seconds instead of retrying
// forever as ioredis does by default.
import type { RedisOptions } from 'ioredis';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

/** The queue a sweep uses when none is named (`--queue-name`); coordinator and workers must agree. */
export const DEFAULT_QUEUE_NAME = 'policyloop';

/** How long connecting may take before the server counts as unreachable. */
export const CONNECT_TIMEOUT_MS = 3000;

export class QueueError extends Error {
  constructor(message: string) {
    super(message);
    // cli/main.ts prints a UsageError as one line and exits 2.
    this.name = 'UsageError';
  }
}

export interface RedisTarget {
  /** The URL as given, without a password, for messages. */
  display: string;
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username?: string;
  password?: string;
}

const EXPECTED = 'expected redis://HOST[:PORT][/DB], e.g. redis://10.0.0.5:6379/0';

/** Parses `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS); a bad URL is one line. */
export function parseRedisUrl(url: string, option = '--queue'): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new QueueError(`${option}: not a URL: "${url}" (${EXPECTED})`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new QueueError(`${option}: "${url}" is not a Redis URL: the scheme is "${u.protocol.replace(/:$/, '')}" (${EXPECTED})`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw new QueueError(`${option}: "${url}" names no host (${EXPECTED})`);
  const port = u.port === '' ? 6379 : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new QueueError(`${option}: "${url}": bad port (${EXPECTED})`);
  const path = u.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d+$/.test(path)) throw new QueueError(`${option}: "${url}": the database "${path}" is not a number (${EXPECTED})`);
  if (u.search || u.hash) throw new QueueError(`${option}: "${url}": no query or fragment expected (${EXPECTED})`);
  const db = path === '' ? 0 : Number(path);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  const shown = new URL(url);
  if (shown.password) shown.password = '***';
  return {
    display: shown.toString().replace(/\/$/, ''),
    host,
    port,
    db,
    tls: u.protocol === 'rediss:',
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
  };
}

/** ioredis options for BullMQ (blocking commands need `maxRetriesPerRequest: null`). */
export function redisOptions(t: RedisTarget): RedisOptions {
  return {
    host: t.host,
    port: t.port,
    db: t.db,
    ...(t.username ? { username: t.username } : {}),
    ...(t.password ? { password: t.password } : {}),
    ...(t.tls ? { tls: {} } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: null,
  };
}

/** The queue name as BullMQ accepts it (no ':'), in one line when not. */
export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(name))
    throw new QueueError(`--queue-name: "${name}" is not a queue name (letters, digits, '_', '.', '-'; at most 100)`);
  return name;
}

/** A RESP command as bytes. */
function command(...args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/**
 * Connects once, with no retries, and asks the server its version (AUTH and SELECT first when
 * the URL says so): an unreachable, refusing or password-protected server is one line within
 * about CONNECT_TIMEOUT_MS, never a hang. A plain socket, so nothing is left running after it.
 */
export function checkRedis(t: RedisTarget): Promise<string> {
  const fail = (why: string): QueueError => new QueueError(`cannot reach Redis at ${t.display}: ${why}`);
  return new Promise((resolve, reject) => {
    const sock: Socket = t.tls
      ? tlsConnect({ host: t.host, port: t.port, servername: t.host })
      : netConnect({ host: t.host, port: t.port });
    let buf = '';
    let settled = false;
    const done = (err: QueueError | null, version = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(version);
    };
    const timer = setTimeout(
      () => done(fail(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s (is the host right, and port ${t.port} open?)`)),
      CONNECT_TIMEOUT_MS,
    );
    const commands = [
      ...(t.password ? [t.username ? command('AUTH', t.username, t.password) : command('AUTH', t.password)] : []),
      ...(t.db !== 0 ? [command('SELECT', String(t.db))] : []),
      command('INFO', 'server'),
    ];
    let replies = 0;
    sock.on(t.tls ? 'secureConnect' : 'connect', () => sock.write(commands.join('')));
    sock.on('error', (err: NodeJS.ErrnoException) => {
      const hint = err.code === 'ECONNREFUSED' ? ' (is redis-server running there?)' : err.code === 'ENOTFOUND' ? ' (no such host)' : '';
      done(fail(`${err.code ?? err.message}${hint}`));
    });
    sock.on('close', () => done(fail('the server closed the connection')));
    sock.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      // Replies in order: simple (+OK) or error (-ERR …) lines for AUTH/SELECT, then INFO's bulk string.
      while (replies < commands.length - 1) {
        const eol = buf.indexOf('\r\n');
        if (eol < 0) return;
        const line = buf.slice(0, eol);
        buf = buf.slice(eol + 2);
        if (line.startsWith('-')) return done(fail(line.slice(1)));
        replies++;
      }
      if (buf.startsWith('-')) {
        const eol = buf.indexOf('\r\n');
        if (eol >= 0) done(fail(buf.slice(1, eol)));
        return;
      }
      const head = /^\$(\d+)\r\n/.exec(buf);
      if (!head) {
        if (buf.length > 0 && !buf.startsWith('$'))
          done(fail(`not a Redis server (it answered "${buf.split(/\r?\n/)[0]!.slice(0, 40).trim()}")`));
        return;
      }
      if (buf.length < head[0].length + Number(head[1])) return;
      done(null, /redis_version:(\S+)/.exec(buf)?.[1] ?? 'unknown');
    });
  });
}
