import net from 'node:net';
import { kafkaSockets } from './kafka-sockets';

describe('the sockets kafkajs dials to brokers', () => {
  let server: net.Server;
  let port: number;

  beforeAll(async () => {
    server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => jest.restoreAllMocks());

  it('connects with Nagle off and TCP keep-alive on', async () => {
    const noDelay = jest.spyOn(net.Socket.prototype, 'setNoDelay');
    const keepAlive = jest.spyOn(net.Socket.prototype, 'setKeepAlive');
    let socket!: net.Socket;
    await new Promise<void>((resolve) => {
      socket = kafkaSockets({ host: '127.0.0.1', port, ssl: undefined as never, onConnect: resolve }) as net.Socket;
    });
    socket.destroy();
    expect(noDelay.mock.contexts).toContain(socket);
    expect(noDelay.mock.calls[noDelay.mock.contexts.indexOf(socket)]).toEqual([true]);
    expect(keepAlive.mock.contexts).toContain(socket);
    expect(keepAlive.mock.calls[keepAlive.mock.contexts.indexOf(socket)]?.[0]).toBe(true);
  });
});
