// The bench's HTTP client: POSTs over a pool of keep-alive sockets, written and read by hand, as wrk's C loop would.
// The load generator shares the two cores with the app it measures; node:http's client (an IncomingMessage stream,
// its parser and agent bookkeeping per request) cost ~0.4 ms of CPU per records.create on the bench machine — more
// than Postgres spends writing the record — and every millisecond it takes is one the app does not get.
// Enough HTTP/1.1 for our own server's answers: a status line, headers, then a Content-Length or chunked body.
import net from 'node:net';

export interface LeanResponse {
  status: number;
  text: string;
}

interface Waiter {
  resolve(res: LeanResponse): void;
  reject(error: Error): void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

class Connection {
  readonly socket: net.Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private waiter: Waiter | null = null;
  closed = false;

  constructor(host: string, port: number, onFree: (c: Connection) => void, onGone: (c: Connection) => void) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      const parsed = parseResponse(this.buffered);
      if (!parsed) return;
      this.buffered = this.buffered.subarray(parsed.consumed);
      const waiter = this.waiter;
      this.waiter = null;
      if (parsed.close) this.end();
      else {
        // An idle socket does not keep the bench process alive.
        this.socket.unref();
        onFree(this);
      }
      waiter?.resolve(parsed.response);
    });
    const fail = (error: Error) => {
      this.end();
      onGone(this);
      const waiter = this.waiter;
      this.waiter = null;
      waiter?.reject(error);
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('the server closed the connection')));
  }

  send(head: string, body: Buffer, waiter: Waiter) {
    this.waiter = waiter;
    this.socket.ref();
    this.socket.write(head);
    this.socket.write(body);
  }

  end() {
    this.closed = true;
    this.socket.destroy();
  }
}

/** The response at the start of `buf`, or null while it is incomplete. */
function parseResponse(buf: Buffer): { response: LeanResponse; consumed: number; close: boolean } | null {
  const headEnd = buf.indexOf(HEADER_END);
  if (headEnd < 0) return null;
  const head = buf.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const lower = head.toLowerCase();
  const close = /\r\nconnection:\s*close/.test(lower);
  const bodyStart = headEnd + 4;
  const length = /\r\ncontent-length:\s*(\d+)/.exec(lower);
  if (length) {
    const end = bodyStart + Number(length[1]);
    if (buf.length < end) return null;
    return { response: { status, text: buf.toString('utf8', bodyStart, end) }, consumed: end, close };
  }
  if (/\r\ntransfer-encoding:\s*chunked/.test(lower)) {
    const parts: Buffer[] = [];
    let at = bodyStart;
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.toString('latin1', at, lineEnd), 16);
      const dataStart = lineEnd + 2;
      if (buf.length < dataStart + size + 2) return null;
      if (size === 0) return { response: { status, text: Buffer.concat(parts).toString('utf8') }, consumed: dataStart + 2, close };
      parts.push(buf.subarray(dataStart, dataStart + size));
      at = dataStart + size + 2;
    }
  }
  // No length and not chunked: a body-less answer (204, 304) as our server sends them.
  return { response: { status, text: '' }, consumed: bodyStart, close };
}

/** Keep-alive sockets to one origin; a request takes an idle one or opens another (one request per socket at a time). */
export class LeanHttpClient {
  private readonly idle: Connection[] = [];
  private readonly host: string;
  private readonly port: number;

  constructor(origin: string) {
    const url = new URL(origin);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
  }

  post(path: string, headers: Record<string, string>, body: string): Promise<LeanResponse> {
    const bytes = Buffer.from(body);
    let head = `POST ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\ncontent-type: application/json\r\ncontent-length: ${bytes.length}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    head += '\r\n';
    return new Promise<LeanResponse>((resolve, reject) => {
      let connection = this.idle.pop();
      while (connection?.closed) connection = this.idle.pop();
      connection ??= new Connection(
        this.host,
        this.port,
        (c) => this.idle.push(c),
        (c) => {
          const i = this.idle.indexOf(c);
          if (i >= 0) this.idle.splice(i, 1);
        },
      );
      connection.send(head, bytes, { resolve, reject });
    });
  }

  close() {
    for (const c of this.idle.splice(0)) c.end();
  }
}
