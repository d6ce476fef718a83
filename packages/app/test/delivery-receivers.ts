// Real receivers for the delivery tests, on 127.0.0.1: an HTTP server that records every
// request (webhooks, Slack) and can hold or refuse some, and an SMTP server (smtp-server)
// whose received mail is parsed with mailparser. Shared by the app and server tests.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HttpReceiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Answer requests on this path with this status (default 200). */
  statusFor(path: string, status: number): void;
  close(): Promise<void>;
}

export const startHttpReceiver = async (): Promise<HttpReceiver> => {
  const requests: ReceivedRequest[] = [];
  const statuses = new Map<string, number>();
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      open.add(res);
      res.on('close', () => open.delete(res));
      res.writeHead(statuses.get(path) ?? 200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    statusFor: (path, status) => void statuses.set(path, status),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

export interface SmtpReceiver {
  readonly port: number;
  readonly mails: ParsedMail[];
  /** Logins seen (user, password). */
  readonly logins: { user: string; pass: string }[];
  /** Called when a client connects; return false to hold the connection without a greeting. */
  onConnect: () => boolean;
  close(): Promise<void>;
}

export const startSmtpReceiver = async (): Promise<SmtpReceiver> => {
  const mails: ParsedMail[] = [];
  const logins: { user: string; pass: string }[] = [];
  const self = {
    mails,
    logins,
    onConnect: () => true,
  } as { mails: ParsedMail[]; logins: typeof logins; onConnect: () => boolean };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onConnect(_session, cb) {
      if (self.onConnect()) cb();
      // else: never answer (the client waits for the greeting).
    },
    onAuth(auth, _session, cb) {
      logins.push({ user: auth.username ?? '', pass: auth.password ?? '' });
      cb(null, { user: auth.username });
    },
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((m) => {
          mails.push(m);
          cb();
        })
        .catch((e: Error) => cb(e));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(self, {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
};

/** The example secret and signature in docs/webhooks.md. */
export const documentedWebhookExample = (): {
  secret: string;
  id: string;
  timestamp: string;
  body: string;
  signature: string;
} => {
  const doc = readFileSync(new URL('../../../docs/webhooks.md', import.meta.url), 'utf8');
  const field = (name: string): string => {
    const m = new RegExp(`^- ${name}: \`(.+)\`$`, 'm').exec(doc);
    if (!m?.[1]) throw new Error(`docs/webhooks.md has no "${name}" example line`);
    return m[1];
  };
  return {
    secret: field('secret'),
    id: field('webhook-id'),
    timestamp: field('webhook-timestamp'),
    body: field('body'),
    signature: field('webhook-signature'),
  };
};

/** Standard Webhooks verification written out on node:crypto (independent of @kpi/delivery). */
export const verifyStandardWebhook = (
  secret: string,
  headers: IncomingHttpHeaders | Record<string, string>,
  body: string,
): boolean => {
  const h = (n: string): string => String((headers as Record<string, unknown>)[n] ?? '');
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key)
    .update(`${h('webhook-id')}.${h('webhook-timestamp')}.${body}`)
    .digest();
  return h('webhook-signature')
    .split(' ')
    .some((s) => {
      const [v, b64] = s.split(',');
      const got = Buffer.from(b64 ?? '', 'base64');
      return v === 'v1' && got.length === mac.length && timingSafeEqual(got, mac);
    });
};
