// Child process for the crash test: leads write to the echo script as fast as the engine answers,
// until the parent kills this process with SIGKILL at an arbitrary point.
import { insertIncoming } from '../../src/main/db/repositories/messagesRepo';
import { leadFor, openEngine } from './engineFixture';

const [path = '', leadsArg = '20'] = process.argv.slice(2);
const fixture = openEngine(path);
const leads = Array.from({ length: Number(leadsArg) }, (_, i) => leadFor(fixture, `peer-${i}`, Date.now()));
process.stdout.write('ready\n');

let n = 0;
for (;;) {
  await Promise.all(
    leads.map(async (leadId) => {
      insertIncoming(fixture.db, { leadId, text: `message ${n}`, ts: Date.now() });
      await fixture.engine.incomingMessage(leadId);
    }),
  );
  n++;
}
