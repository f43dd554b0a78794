import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Sends COPY text (already encoded, a few thousand rows at most) with `COPY … FROM STDIN`, in the caller's transaction. */
export async function copyTextInto(client: pg.Client, copySql: string, text: string): Promise<void> {
  if (text.length === 0) return;
  await pipeline(Readable.from([Buffer.from(text, 'utf8')]), client.query(copyFrom(copySql)));
}
