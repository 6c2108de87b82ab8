/** A real HTTP server on 127.0.0.1 (port 0) for connector and fetcher tests; counts requests and concurrency. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface TestServer {
  origin: string;
  /** Requests seen, as path+query. */
  requests: string[];
  /** Highest number of requests in flight at once. */
  maxConcurrent: number;
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<TestServer> {
  let inFlight = 0;
  const state = { requests: [] as string[], maxConcurrent: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    state.requests.push(url.pathname + url.search);
    inFlight++;
    state.maxConcurrent = Math.max(state.maxConcurrent, inFlight);
    let done = false;
    const finish = (): void => {
      if (!done) {
        done = true;
        inFlight--;
      }
    };
    res.on('finish', finish);
    res.on('close', finish);
    Promise.resolve()
      .then(() => handler(req, res, url))
      .catch((e: unknown) => {
        res.statusCode = 500;
        res.end(String(e));
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, headers);
  res.end(body);
}
