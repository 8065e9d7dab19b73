import { PGlite } from '@electric-sql/pglite';
let t=Date.now();
const db = await PGlite.create();
console.log('create mem', Date.now()-t); t=Date.now();
await db.exec('create table a(x int); insert into a values (1)');
const dump = await db.dumpDataDir('none');
console.log('dump', Date.now()-t, dump.size); t=Date.now();
const c = await PGlite.create({ loadDataDir: dump });
console.log('load', Date.now()-t, (await c.query('select * from a')).rows); t=Date.now();
const c2 = await db.clone();
console.log('clone', Date.now()-t); t=Date.now();
const d3 = await PGlite.create('/tmp/pgdir-test');
console.log('create dir', Date.now()-t); t=Date.now();
await d3.close();
const d4 = await PGlite.create('/tmp/pgdir-test');
console.log('reopen dir', Date.now()-t); t=Date.now();
console.log(process.memoryUsage().rss/1e6)
