import { HandlerTable } from '../rpc';
import { registerAuthHandlers } from './authHandlers';
import { registerDcHandlers } from './dcHandlers';
import { registerFileHandlers } from './fileHandlers';
import { registerInfoHandlers } from './infoHandlers';
import { registerMediaHandlers } from './mediaHandlers';
import { registerMessageHandlers } from './messageHandlers';
import { registerQrLoginHandlers } from './qrLoginHandlers';
import { registerUpdateHandlers } from './updateHandlers';

/** Every RPC method the fake server answers; anything else gets 400 METHOD_NOT_IMPLEMENTED_<NAME>. */
export function allHandlers(): HandlerTable {
  const table = new HandlerTable();
  registerAuthHandlers(table);
  registerDcHandlers(table);
  registerInfoHandlers(table);
  registerMessageHandlers(table);
  registerMediaHandlers(table);
  registerFileHandlers(table);
  registerUpdateHandlers(table);
  registerQrLoginHandlers(table);
  return table;
}
