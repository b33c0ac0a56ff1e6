/**
 * The sockets kafkajs dials to brokers: its own factory's, with Nagle's algorithm off.
 *
 * kafkajs leaves Nagle on (the Java client turns it off: `TCP_NODELAY`). With it on, a
 * small request written while an earlier one on the same connection is still unanswered
 * (several requests in flight, or a commit or heartbeat beside a fetch) waits for that
 * answer before it leaves. Measured here: one-at-a-time gateway reads ~5% faster at p50
 * and p99 with it off (two runs each, same machine).
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';

/** As kafkajs' default: a dead broker connection is noticed by TCP keep-alive after a minute idle. */
const KEEP_ALIVE_DELAY_MS = 60_000;

export const kafkaSockets: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
    : net.connect({ host, port }, onConnect);
  socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
  socket.setNoDelay(true);
  return socket;
};
