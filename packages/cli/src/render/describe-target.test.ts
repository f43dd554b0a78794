import { describe, expect, it } from 'vitest';
import { describeTarget } from './describe-target.js';

describe('describeTarget', () => {
  it.each([
    ['postgres://app@db.example.com:5432/app', 'public', 'postgres://app@db.example.com:5432/app, schema public'],
    ['postgres://app:secret@db/app?sslmode=require', 'sales', 'postgres://app:*****@db/app, schema sales'],
    ['postgres://postgres@127.0.0.1:5433/app?passfile=%2Ftmp%2Fpgpass', undefined, 'postgres://postgres@127.0.0.1:5433/app'],
  ])('%s', (url, schema, shown) => {
    expect(describeTarget(url, schema)).toBe(shown);
  });
});
