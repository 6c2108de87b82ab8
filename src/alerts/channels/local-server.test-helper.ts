/**
 * Test helper: a real HTTP server on 127.0.0.1 (port 0) that records each request (raw body bytes included)
 * and answers with whatever the test's handler decides — the handler plays the vendor.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  receivedAt: number;
}

export interface VendorAnswer {
  status?: number;
  body: string | object;
  headers?: Record<string, string>;
}

export interface LocalServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startLocalServer(handler: (req: RecordedRequest, index: number) => VendorAnswer): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        raw: Buffer.concat(chunks),
        receivedAt: Date.now(),
      };
      requests.push(rec);
      let answer: VendorAnswer;
      try {
        answer = handler(rec, requests.length - 1);
      } catch (err) {
        answer = { status: 500, body: { error: String(err) } };
      }
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
