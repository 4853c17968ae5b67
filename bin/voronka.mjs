#!/usr/bin/env node
// `npx voronka validate|simulate …`: builds the app if needed, then runs the CLI entry.
import { ensureBuilt, runNode } from '../scripts/lib/build.mjs';

await ensureBuilt({ quiet: true });
runNode('out/main/cli.js', process.argv.slice(2));
