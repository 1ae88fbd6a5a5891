// A real OpenAI-compatible HTTP server for tests (node:http on 127.0.0.1, a free port),
// answering chat completions from a script and recording every request.
//
//   const server = await startOpenAIServer(['first reply', { status: 500 }, 'second reply']);
//   const model = new OpenAIChatModel({ baseURL: server.url, apiKey: 'test', model: 'test-model' });
//   …
//   expect(server.requests[0].body.messages).toEqual(…);
//   await server.close();
//
// Each POST /v1/chat/completions takes the next step of the script:
//   'text'                               → 200 with that reply (usage counted from lengths)
//   { reply, usage?, model?, finishReason? }
//   { status: 429, message?, headers? }  → that HTTP error, OpenAI-style body
//   { delayMs, then? }                   → wait, then answer `then` (default 'ok'); longer
//                                          than the client's timeout makes it time out
//   { body, status? }                    → that raw body (string or JSON) as is
//   { drip, everyMs? }                   → 200 headers, then one byte of `drip` every `everyMs`
//                                          (default 1000), cycling, until the client hangs up
//   (request) => step                    → computed from the request
// A function instead of a list answers every request. A script that runs out answers
// 500 "script exhausted" so a test that sends too much fails loudly.
// GET /v1/models lists `options.models`; POST /v1/embeddings answers from `options.embed`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplyStep {
  reply: string;
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  model?: string;
  finishReason?: 'stop' | 'length' | 'content_filter';
}

export interface ErrorStep {
  status: number;
  message?: string;
  type?: string;
  code?: string | null;
  param?: string | null;
  headers?: Record<string, string>;
}

export interface DelayStep {
  delayMs: number;
  then?: ScriptStep;
}

export interface RawStep {
  body: string | object;
  status?: number;
  contentType?: string;
}

export interface DripStep {
  drip: string;
  everyMs?: number;
  contentType?: string;
}

export type ScriptStep =
  | string
  | DripStep
  | ReplyStep
  | ErrorStep
  | DelayStep
  | RawStep
  | ((request: RecordedRequest) => ScriptStep | Promise<ScriptStep>);

export interface RecordedRequest {
  method: string;
  /** e.g. `/v1/chat/completions` */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (undefined for GET or a body that is not JSON). */
  body: any;
  /** 0-based index among chat-completion requests. */
  index: number;
}

export interface OpenAIServerOptions {
  /** Answer 400 to any request carrying `response_format`, as servers without it do. */
  rejectResponseFormat?: boolean;
  /** Ids listed by GET /v1/models (default ['test-model']). */
  models?: string[];
  /** Require this bearer token; anything else gets 401 (default: accept any). */
  apiKey?: string;
  /** Answer POST /v1/embeddings with these vectors, one per input text (default: no such route). */
  embed?: (texts: string[]) => number[][];
}

export interface OpenAIServer {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:43121/v1`. */
  url: string;
  port: number;
  /** Every request received, in order (chat completions, model lists, rejects). */
  requests: RecordedRequest[];
  /** Only the chat-completion requests' bodies, in order. */
  readonly chatBodies: any[];
  /** Steps not yet used. */
  readonly remaining: number;
  close(): Promise<void>;
}

const STATUS_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  403: 'permission_error',
  404: 'invalid_request_error',
  429: 'rate_limit_exceeded',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad request.',
  401: 'Incorrect API key provided.',
  403: 'You do not have access to this resource.',
  404: 'The model does not exist or you do not have access to it.',
  429: 'Rate limit reached. Please try again later.',
  500: 'The server had an error while processing your request.',
  502: 'Bad gateway.',
  503: 'The engine is currently overloaded, please try again later.',
};

export async function startOpenAIServer(
  script: ScriptStep[] | ((request: RecordedRequest) => ScriptStep | Promise<ScriptStep>),
  options: OpenAIServerOptions = {},
): Promise<OpenAIServer> {
  const steps = Array.isArray(script) ? [...script] : undefined;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let chatIndex = 0;
  let idCounter = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, { status: 500, message: `openai-server: ${(error as Error).message}` });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    let body: any;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const isChat = req.method === 'POST' && path === '/v1/chat/completions';
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body,
      index: isChat ? chatIndex++ : -1,
    };
    requests.push(record);

    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, { status: 401 });
    }
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: (options.models ?? ['test-model']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })),
      });
    }
    if (req.method === 'POST' && path === '/v1/embeddings' && options.embed) {
      const input: string[] = Array.isArray(body?.input) ? body.input : [body?.input ?? ''];
      const vectors = options.embed(input);
      return sendJson(res, 200, {
        object: 'list',
        model: body?.model ?? 'test-embed',
        data: vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })),
        usage: { prompt_tokens: input.join(' ').length, total_tokens: input.join(' ').length },
      });
    }
    if (!isChat) return sendError(res, { status: 404, message: `no route ${req.method} ${path}` });
    if (body === undefined) return sendError(res, { status: 400, message: 'body is not JSON' });
    if (options.rejectResponseFormat && body.response_format !== undefined) {
      return sendError(res, {
        status: 400,
        message: `response_format of type ${JSON.stringify(body.response_format.type)} is not supported by this server`,
        param: 'response_format',
      });
    }
    const step: ScriptStep | undefined = steps ? steps.shift() : (script as (r: RecordedRequest) => ScriptStep);
    if (step === undefined) {
      return sendError(res, { status: 500, message: `openai-server: script exhausted at request ${record.index}` });
    }
    await answer(res, record, step);
  }

  async function answer(res: ServerResponse, record: RecordedRequest, step: ScriptStep): Promise<void> {
    while (typeof step === 'function') step = await step(record);
    if (typeof step === 'string') return sendCompletion(res, record, { reply: step });
    if ('delayMs' in step) {
      const closed = new Promise<void>((resolve) => res.on('close', resolve));
      await Promise.race([wait(step.delayMs), closed]);
      if (res.destroyed || res.writableEnded) return;
      return answer(res, record, step.then ?? 'ok');
    }
    if ('drip' in step) {
      res.writeHead(200, { 'content-type': step.contentType ?? 'application/json' });
      res.flushHeaders();
      let at = 0;
      const timer = setInterval(() => {
        if (res.destroyed || res.writableEnded) return;
        res.write(step.drip[at++ % step.drip.length]!);
      }, step.everyMs ?? 1000);
      timers.add(timer);
      res.on('close', () => {
        clearInterval(timer);
        timers.delete(timer);
      });
      return;
    }
    if ('reply' in step) return sendCompletion(res, record, step);
    if ('body' in step) {
      const text = typeof step.body === 'string' ? step.body : JSON.stringify(step.body);
      const contentType = step.contentType ?? (typeof step.body === 'string' ? 'text/plain' : 'application/json');
      res.writeHead(step.status ?? 200, { 'content-type': contentType });
      res.end(text);
      return;
    }
    return sendError(res, step);
  }

  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  function sendCompletion(res: ServerResponse, record: RecordedRequest, step: ReplyStep): void {
    const promptChars = JSON.stringify(record.body.messages ?? []).length;
    const usage =
      step.usage === null
        ? undefined
        : (step.usage ?? {
            prompt_tokens: Math.ceil(promptChars / 4),
            completion_tokens: Math.max(1, Math.ceil(step.reply.length / 4)),
          });
    sendJson(res, 200, {
      id: `chatcmpl-test${++idCounter}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: step.model ?? record.body.model ?? 'test-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: step.reply, refusal: null },
          logprobs: null,
          finish_reason: step.finishReason ?? 'stop',
        },
      ],
      ...(usage && {
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
      }),
      system_fingerprint: 'fp_test',
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get chatBodies() {
      return requests.filter((r) => r.index >= 0).map((r) => r.body);
    },
    get remaining() {
      return steps ? steps.length : Infinity;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, step: ErrorStep): void {
  sendJson(
    res,
    step.status,
    {
      error: {
        message: step.message ?? DEFAULT_MESSAGES[step.status] ?? `HTTP ${step.status}`,
        type: step.type ?? STATUS_TYPES[step.status] ?? 'server_error',
        param: step.param ?? null,
        code: step.code ?? null,
      },
    },
    step.headers,
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
