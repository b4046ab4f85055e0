import net from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    remedy: string,
  ) {
    super(`port ${port} on ${host} is already in use: ${remedy}`);
    this.name = 'PortInUseError';
  }
}

/** Throws PortInUseError, whose message names the port and `remedy`, unless host:port can be bound. */
export async function assertPortFree(host: string, port: number, remedy: string): Promise<void> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, resolve);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(host, port, remedy);
    throw error;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A port that was free on host a moment ago, chosen by the operating system. */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not read the chosen port');
  return address.port;
}

export interface HostPort {
  host: string;
  port: number;
}

/** "127.0.0.1:7233" -> { host: "127.0.0.1", port: 7233 } */
export function parseHostPort(address: string): HostPort {
  const match = /^(.+):(\d{1,5})$/.exec(address);
  if (!match) throw new Error(`"${address}" is not host:port`);
  return { host: match[1], port: Number(match[2]) };
}
