/**
 * dynalite 4 turns LevelDB iterators into streams that never close them: abstract-level 3 does not close an
 * iterator when it reaches its end, and has no `return()` for dynalite's `destroy` to call. Every Query and Scan
 * then leaves an open iterator attached to the database for good (with classic-level, a native iterator that pins
 * LevelDB's memory), and dynalite's RSS grows with every query: past a gigabyte in a 3-minute soak.
 *
 * Loaded before dynalite, in its process (dynamo.ts), this closes an iterator when it reaches its end and gives
 * it the `return()` dynalite calls when a stream stops early (a Limit, a 1 MB page). CommonJS: dynalite's child
 * process runs it with plain Node.
 */
const { createRequire } = require('node:module');

const PATCHED = Symbol.for('cae.closesIteratorsAtEnd');

/** The abstract-level that dynalite's stores (level → classic-level, memory-level) are built on. */
function abstractLevels() {
  const fromDynalite = createRequire(require.resolve('dynalite'));
  const stores = [fromDynalite.resolve('memory-level'), createRequire(fromDynalite.resolve('level')).resolve('classic-level')];
  return [...new Set(stores.map((store) => createRequire(store).resolve('abstract-level')))].map((path) => require(path));
}

function closeIteratorsAtEnd() {
  for (const abstractLevel of abstractLevels()) {
    // AbstractIterator, AbstractKeyIterator and AbstractValueIterator share this prototype.
    const common = Object.getPrototypeOf(abstractLevel.AbstractIterator.prototype);
    if (common[PATCHED]) continue;
    const next = common.next;
    common.next = async function nextThenCloseAtEnd(...args) {
      const item = await next.apply(this, args);
      if (item === undefined) await this.close();
      return item;
    };
    common.return = async function closeEarly() {
      await this.close();
      return { done: true, value: undefined };
    };
    common[PATCHED] = true;
  }
}

module.exports = { closeIteratorsAtEnd };
