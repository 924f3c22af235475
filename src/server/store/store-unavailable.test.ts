/** Which store failures mean "the database is away" (503, retry) and which are answers (left alone). */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { createPoolSqlClient } from './pool-sql-client.js';
import { openPostgresClient } from './postgres-client.js';
import { classifyStoreError, connectionFailure, isStoreUnavailable } from './store-unavailable.js';

const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('classifyStoreError', () => {
  it.each([
    ['ECONNREFUSED', withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.1.2.3:5432')],
    ['ECONNRESET', withCode('ECONNRESET', 'read ECONNRESET')],
    ['ETIMEDOUT', withCode('ETIMEDOUT', 'connect ETIMEDOUT 10.1.2.3:5432')],
    ['ENOTFOUND', withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND db.internal')],
    ['57P01', withCode('57P01', 'terminating connection due to administrator command')],
    ['57P03', withCode('57P03', 'the database system is starting up')],
    ['08006', withCode('08006', 'connection failure')],
    ['53300', withCode('53300', 'sorry, too many clients already')],
    ['connect timeout', new Error('timeout exceeded when trying to connect')],
    ['connect timeout', new Error('timeout expired')],
    ['connection lost', new Error('Connection terminated unexpectedly')],
    ['connection lost', new Error('Client has encountered a connection error and is not queryable')],
    [
      'ECONNREFUSED',
      Object.assign(new AggregateError([withCode('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')], ''), {
        code: undefined,
      }),
    ],
  ])('classifies %s as a retryable 503 whose message names nothing of the driver', (name, error) => {
    expect(connectionFailure(error)).toBe(name);
    const classified = classifyStoreError(error);
    expect(classified).toBeInstanceOf(PodiumError);
    expect(classified).toMatchObject({
      code: 'store_unavailable',
      status: 503,
      isRetryable: true,
      retryAfterMs: 5000,
      cause: error,
    });
    expect((classified as PodiumError).message).toBe('The database is unreachable; retry later.');
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint "teams_name"')],
    ['a syntax error', withCode('42601', 'syntax error at or near "SELEC"')],
    ['a serialization failure', withCode('40001', 'could not serialize access')],
    ['a plain error', new Error('boom')],
    ['a non-error', 'text'],
    ['another PodiumError', new PodiumError('not_found', 'team "x" does not exist')],
  ])('leaves %s as it is', (_name, error) => {
    expect(classifyStoreError(error)).toBe(error);
    expect(isStoreUnavailable(error)).toBe(false);
  });

  it('recognises its own result', () => {
    const classified = classifyStoreError(withCode('ECONNREFUSED'));
    expect(connectionFailure(classified)).toBe('store_unavailable');
    expect(classifyStoreError(classified)).toBe(classified);
  });
});

describe('the pool client on a database that is not there', () => {
  it('fails a query as store_unavailable when the connection is refused', async () => {
    // A port that was just free: nothing listens on it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const pool = new pg.Pool({
      connectionString: `postgres://podium@127.0.0.1:${port}/none`,
      connectionTimeoutMillis: 2000,
    });
    const sql = createPoolSqlClient({ driver: 'postgres', pool });
    try {
      const failure = await sql.query('SELECT 1').catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'store_unavailable', status: 503 });
      expect(connectionFailure((failure as Error).cause)).toBe('ECONNREFUSED');
      await expect(sql.transaction((tx) => tx.query('SELECT 1'))).rejects.toMatchObject({ code: 'store_unavailable' });
    } finally {
      await sql.close();
    }
  });

  it('bounds the wait for a server that accepts but never answers, and fails the query as store_unavailable', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const sql = openPostgresClient({ url: `postgres://podium@127.0.0.1:${port}/none`, connectTimeoutMs: 50 });
    try {
      const failure = await sql.query('SELECT 1').catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'store_unavailable' });
      expect(connectionFailure((failure as Error).cause)).toBe('connect timeout');
    } finally {
      await sql.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
