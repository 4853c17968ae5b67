import type { Migration } from './migration';

/**
 * `accounts.imported_device`: the device an imported account came with (device model, system and
 * app version, language — JSON, see shared/rpc/accountImport.ts), so it keeps presenting itself the
 * same way after the move. NULL for accounts signed in through the wizard. Issue 10's per-account
 * device profile is filled from it once that lands.
 */
export const accountImportedDevice: Migration = {
  version: 7,
  name: 'account-imported-device',
  up(db) {
    db.exec('ALTER TABLE accounts ADD COLUMN imported_device TEXT');
  },
};
