// `npm run headless -- [--data-dir DIR] [--port PORT]`: builds the app when the build is missing or
// older than the sources, then runs the headless host in this process's place.
import { ensureBuilt, runNode } from './lib/build.mjs';

await ensureBuilt();
runNode('out/main/headless.js', process.argv.slice(2));
