import { z } from 'zod';

// zod 4 compiles faster object parsers with `Function(...)` where it may, and finds out by trying
// `Function('')` on the first parse. The page's CSP (script-src 'self', no 'unsafe-eval': index.html's
// meta, the desktop's and the headless host's header) refuses it, and every refusal is a reported CSP
// violation (test/e2e/electronFilePage.spec.ts). The renderer parses little; it does without the JIT.
z.config({ jitless: true });
