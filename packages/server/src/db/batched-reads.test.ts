import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { BatchedReads } from './batched-reads.ts';

/** A reader over a fixed table that notes every statement it is asked to run, and holds each until released. */
function tableReader(table: Record<string, string>) {
  const statements: string[][] = [];
  const held: (() => void)[] = [];
  const hold = (keys: string[]) => {
    statements.push(keys);
    return new Promise<void>((release) => held.push(release));
  };
  const reader = {
    idOf: (key: string) => key,
    readMany: async (keys: string[]) => {
      await hold(keys);
      if (keys.includes('broken')) throw new Error('the database went away');
      return new Map(keys.filter((key) => key in table).map((key) => [key, table[key]!]));
    },
  };
  /** Lets every statement under way finish, and the batches waiting for them start. */
  const releaseAll = async () => {
    await nextTurn();
    while (held.length > 0) held.shift()!();
    await nextTurn();
    await nextTurn();
  };
  return { reader, statements, releaseAll };
}

describe('batched reads', () => {
  const table = { ana: 'Ana', bruno: 'Bruno', carla: 'Carla' };

  test('a lone read runs alone, as soon as its turn of the event loop ends', async () => {
    const { reader, statements, releaseAll } = tableReader(table);
    const reads = new BatchedReads(reader, 1);
    const ana = reads.read('ana');
    await nextTurn();
    assert.deepEqual(statements, [['ana']]);
    await releaseAll();
    assert.equal(await ana, 'Ana');
  });

  test('reads asked in one turn, or while a statement runs, go together, each key once', async () => {
    const { reader, statements, releaseAll } = tableReader(table);
    const reads = new BatchedReads(reader, 1);
    const first = [reads.read('ana'), reads.read('bruno'), reads.read('ana')];
    await nextTurn();
    const second = [reads.read('carla'), reads.read('nobody'), reads.read('bruno')];
    await nextTurn();
    assert.deepEqual(statements, [['ana', 'bruno']], 'the second batch waits for the first');
    await releaseAll();
    await releaseAll();
    assert.deepEqual(statements, [['ana', 'bruno'], ['carla', 'nobody', 'bruno']]);
    assert.deepEqual(await Promise.all(first), ['Ana', 'Bruno', 'Ana']);
    assert.deepEqual(await Promise.all(second), ['Carla', undefined, 'Bruno']);
  });

  test('with a concurrency of two, a second batch starts while the first runs', async () => {
    const { reader, statements, releaseAll } = tableReader(table);
    const reads = new BatchedReads(reader, 2);
    const ana = reads.read('ana');
    await nextTurn();
    const others = [reads.read('bruno'), reads.read('carla')];
    await nextTurn();
    const last = reads.read('ana');
    await nextTurn();
    assert.deepEqual(statements, [['ana'], ['bruno', 'carla']]);
    await releaseAll();
    await releaseAll();
    assert.deepEqual(statements, [['ana'], ['bruno', 'carla'], ['ana']]);
    assert.deepEqual(await Promise.all([ana, ...others, last]), ['Ana', 'Bruno', 'Carla', 'Ana']);
  });

  test('a failed statement fails the reads it carried, and the next batch runs', async () => {
    const { reader, statements, releaseAll } = tableReader(table);
    const reads = new BatchedReads(reader, 1);
    const carried = [reads.read('ana'), reads.read('broken')].map((read) => read.then(String, (error: Error) => error.message));
    await nextTurn();
    const after = reads.read('bruno');
    await releaseAll();
    await releaseAll();
    assert.deepEqual(await Promise.all(carried), ['the database went away', 'the database went away']);
    assert.equal(await after, 'Bruno');
    assert.deepEqual(statements, [['ana', 'broken'], ['bruno']]);
  });
});
