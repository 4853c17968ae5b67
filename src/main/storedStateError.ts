/**
 * A stored JSON value that no longer matches its schema (edited by hand, written by a buggy build, a
 * damaged disk). Repositories throw it instead of reading the value as empty, so nothing acts on
 * made-up state: the engine takes the lead out of automation and shows why (event `lead.state_damaged`),
 * and the RPC router answers `conflict` with this message. It lives outside db/ and engine/ because
 * both, and rpc/, need to recognise it.
 */
export class StoredStateError extends Error {
  constructor(
    /** `table.column`, e.g. `leads.step_state`. */
    readonly column: string,
    readonly rowId: number,
    /** What is wrong with the stored text, for the operator and the log. */
    readonly problem: string,
  ) {
    super(`Stored ${column} of row ${rowId} is damaged: ${problem}`);
    this.name = 'StoredStateError';
  }
}
