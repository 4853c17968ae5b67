import { version } from '../../package.json';

/** The app version, inlined at build time from package.json. */
export const appVersion: string = version;
