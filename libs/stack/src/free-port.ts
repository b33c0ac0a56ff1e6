// Ports are picked by the OS rather than fixed, so several stacks (a dev stack, a test
// run, CI jobs) can run side by side on one machine.
import net from 'node:net';

/**
 * `count` distinct free ports. The listeners stay open until all are picked: closing one
 * before asking for the next could hand the same port out twice.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listen(0, host));
    return servers.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  }
}

/** True when nothing listens on the port, so a restarted broker can take it back. */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  try {
    const server = await listen(port, host);
    await new Promise((done) => server.close(done));
    return true;
  } catch {
    return false;
  }
}

function listen(port: number, host: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
