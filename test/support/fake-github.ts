/**
 * A local stand-in for GitHub's REST API, for tests: listens on 127.0.0.1, records every request, answers from
 * routes the test registers, paginates with real `Link` headers, and can inject failures (a 403 from a fork
 * token, a secondary rate limit, a 413) for the next N matching requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: RecordedRequest, params: Record<string, string>) => FakeResponse | Promise<FakeResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

interface Injection {
  method: string;
  pattern: RegExp;
  /** Matching requests still to let through before the injection starts. */
  after: number;
  remaining: number;
  response: FakeResponse;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, k: string) => {
    keys.push(k);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), keys };
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly injections: Injection[] = [];
  private server: Server | undefined;
  url = '';

  /** Registers a handler; `path` uses `:name` parameters, e.g. `/repos/:owner/:repo/pulls/:number/files`. */
  on(method: string, path: string, handler: Handler): this {
    const { pattern, keys } = compile(path);
    this.routes.push({ method: method.toUpperCase(), pattern, keys, handler });
    return this;
  }

  /**
   * The next `times` requests matching method + path get `response` instead of the route's answer. With
   * `after`, that many matching requests are answered normally first (a failure in the middle of a paginated
   * listing).
   */
  inject(method: string, path: string, times: number, response: FakeResponse, opts: { after?: number } = {}): this {
    this.injections.push({ method: method.toUpperCase(), ...compile(path), after: opts.after ?? 0, remaining: times, response });
    return this;
  }

  /** A page of `items` as GitHub paginates (`per_page` default 30, max 100; `page` from 1), with a `Link` header. */
  page<T>(req: RecordedRequest, items: readonly T[], wrap?: (page: T[]) => unknown): FakeResponse {
    const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30)));
    const page = Math.max(1, Number(req.query.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(req.query);
      q.set('page', String(p));
      q.set('per_page', String(perPage));
      return `<${this.url}${req.path}?${q.toString()}>; rel="${rel}"`;
    };
    const links = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    return { status: 200, body: wrap ? wrap(slice) : slice, headers: links.length ? { link: links.join(', ') } : {} };
  }

  /** Recorded requests for one method and path pattern. */
  calls(method: string, path: string): RecordedRequest[] {
    const { pattern } = compile(path);
    return this.requests.filter((r) => r.method === method.toUpperCase() && pattern.test(r.path));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
    this.requests.push(recorded);

    let response: FakeResponse = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    const matching = this.injections.filter((i) => i.remaining > 0 && i.method === recorded.method && i.pattern.test(recorded.path));
    const injected = matching.find((i) => i.after === 0);
    for (const i of matching) if (i.after > 0) i.after--;
    if (injected) {
      injected.remaining--;
      response = injected.response;
    } else {
      for (const r of this.routes) {
        const m = r.method === recorded.method ? r.pattern.exec(recorded.path) : null;
        if (!m) continue;
        const params = Object.fromEntries(r.keys.map((k, i) => [k, decodeURIComponent(m[i + 1] ?? '')]));
        try {
          response = await r.handler(recorded, params);
        } catch (err) {
          response = { status: 500, body: { message: (err as Error).message } };
        }
        break;
      }
    }
    const payload = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', 'x-github-request-id': `FAKE:${this.requests.length}`, ...(response.headers ?? {}) });
    res.end(payload);
  }
}

/** GitHub's secondary rate limit answer: 403 with retry-after, as the throttling plugin expects. */
export const SECONDARY_RATE_LIMIT: FakeResponse = {
  status: 403,
  headers: { 'retry-after': '1' },
  body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' },
};

/** What a fork pull request's read-only token gets for a write. */
export const FORBIDDEN_FOR_FORK: FakeResponse = {
  status: 403,
  body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' },
};
