import { benchEngineThroughput } from './engineThroughput';

// The engine benchmark's own process, run from a bundle (see shippedBundle.ts): `npm run bench -- engine`.
await benchEngineThroughput();
