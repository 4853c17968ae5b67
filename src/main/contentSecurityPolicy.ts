/**
 * The policy the Electron host sends with every response of the app's session (index.ts,
 * session.webRequest). index.html carries its own meta policy as well, and a page under both
 * enforces both, so nothing either one forbids can load. The e2e check of the file:// page
 * (test/e2e/electronFilePage.spec.ts) serves the built page with exactly this header.
 */
export const electronContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
