// A health endpoint for a load balancer or a dashboard: GET /health answers with catdb's
// replica lag check as JSON; 200 while the standbys are OK or WARNING, 503 otherwise.
//
//   tsx examples/lag-health-endpoint.ts [primary-url [replica-url ...]]
//
// Without URLs it watches the sandbox in .catdb/sandbox (`catdb sandbox up --replicas 1`).
// Listens on 127.0.0.1 only, on the port given by PORT or a free one; prints its address.
import { createServer } from 'node:http';
import { CatdbError } from '@catdb/core';
import { checkReplicaLag, parseThreshold, type LagReport } from '@catdb/core/replica';
import { readSandboxState } from '@catdb/core/sandbox';

const given = process.argv.slice(2);
// The sandbox's URLs name their passfiles, so they carry no password.
const sandbox = given.length === 0 ? readSandboxState('.catdb/sandbox') : undefined;
const [primaryUrl, ...replicaUrls] = sandbox ? [sandbox.primary.url, ...sandbox.replicas.map((r) => r.url)] : given;
if (!primaryUrl) {
  process.stderr.write('usage: lag-health-endpoint [primary-url [replica-url ...]]\n(no sandbox in .catdb/sandbox: start one with catdb sandbox up --replicas 1)\n');
  process.exit(2);
}
const warn = parseThreshold(['16MB,30s'], 'warn');
const crit = parseThreshold(['256MB,5min'], 'crit');

/** LSN offsets and byte lags are bigint: JSON numbers while exact, strings beyond 2^53. */
const json = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v));

const server = createServer((req, res) => {
  if (req.method !== 'GET' || req.url !== '/health') {
    res.writeHead(404, { 'content-type': 'application/json' }).end(json({ error: 'try GET /health' }));
    return;
  }
  // A check that hangs must not hold the request forever.
  const signal = AbortSignal.timeout(10_000);
  checkReplicaLag({ primaryUrl, replicaUrls, warn, crit, signal }).then(
    (report: LagReport) => {
      const healthy = report.state === 'OK' || report.state === 'WARNING';
      res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(json(report));
    },
    (err: unknown) => {
      const error = err instanceof CatdbError ? err.toJSON() : { message: String(err) };
      res.writeHead(503, { 'content-type': 'application/json' }).end(json({ state: 'UNKNOWN', exitCode: 3, error }));
    },
  );
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`listening on http://127.0.0.1:${address.port}/health\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
