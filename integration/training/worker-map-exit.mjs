// Run by worker-map-exit.test.ts: reads a little of an endless dataset mapped on worker threads, in the two ways a
// program stops early — take(n), which closes the pass, and an iterator simply dropped — then returns from the
// module. Node must exit on its own: a closed pass terminated its workers, a dropped one holds none open.
import * as data from '../../packages/data/dist/index.node.js';

const endless = data.generator(function* () {
  for (let i = 0; ; i++) yield i;
});
const doubled = endless.map((x) => 2 * x, { parallel: 3, worker: true });
const taken = await doubled.take(4).toArray();
const dropped = doubled[Symbol.asyncIterator]();
const first = [(await dropped.next()).value, (await dropped.next()).value];
console.log(JSON.stringify({ taken, first }));
