import { connect as netConnect } from 'node:net';
import type pg from 'pg';

/** The CancelRequest code of the protocol: 1234 in the high 16 bits, 5678 in the low. */
const CANCEL_REQUEST_CODE = 80877102;
/** Deadline of the whole request: connect, send, and the server closing the connection. */
const CANCEL_TIMEOUT_MS = 5000;

/** What node-postgres keeps of a session after connecting (BackendKeyData). */
interface SessionKey {
  host?: string;
  port?: number;
  processID?: number | null;
  secretKey?: number | null;
}

/**
 * Asks the server to cancel the statement `client` is running, with the protocol's
 * CancelRequest on a connection of its own
 * (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-CANCELING-REQUESTS).
 * The server interrupts the statement at once, where merely closing the connection would
 * let it run to its end (and hold its locks) before the server noticed. The request needs
 * no authentication; an idle session ignores it. Resolves when the server has closed the
 * request's connection, or after 5 s; never throws.
 */
export function sendCancelRequest(client: pg.Client): Promise<void> {
  const key = client as unknown as SessionKey;
  if (key.processID == null || key.secretKey == null) return Promise.resolve();
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  packet.writeInt32BE(key.processID, 8);
  packet.writeInt32BE(key.secretKey, 12);
  const host = key.host || 'localhost';
  const port = key.port || 5432;
  return new Promise((resolve) => {
    // A host that is a folder means a Unix socket, as in libpq.
    const socket = host.startsWith('/') ? netConnect(`${host}/.s.PGSQL.${port}`) : netConnect(port, host);
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(finish, CANCEL_TIMEOUT_MS);
    socket.once('connect', () => socket.end(packet));
    socket.once('close', finish);
    socket.once('error', finish);
  });
}
