/**
 * Crash-test child (durability.test.ts): opens a PGlite store in argv[2] and commits buys for
 * account argv[3] until killed, printing `committed <seq>` only after each commit resolved.
 * Stdout to a pipe is synchronous on Linux, so a printed line was really written before a kill.
 */
import { openPaperStore } from './open-paper-store';
import { nextBuy, startChain } from './test-fixtures';

const [dataDir, account] = process.argv.slice(2);
if (!dataDir || !account) {
  console.error('usage: durability-child.ts <data-dir> <account-id>');
  process.exit(2);
}
const store = await openPaperStore({ dataDir });
const state = await store.load(account);
let chain = startChain(account);
if (state) chain = { balance: state.balance, position: state.positions[0] ?? chain.position };
process.stdout.write(`ready ${chain.balance.seq}\n`);
for (;;) {
  const step = nextBuy(chain);
  await store.commit(step.transition);
  chain = step.chain;
  process.stdout.write(`committed ${chain.balance.seq}\n`);
}
