import type { StepType } from '../../../shared/script';
import { abRouter } from './abRouter';
import { aiReply } from './aiReply';
import { changeFlow } from './changeFlow';
import { condition } from './condition';
import type { StepExecutor } from './executor';
import { imageCheck } from './imageCheck';
import { message } from './message';
import { end, goto, manual, note, setField, tag } from './simple';
import { wait } from './wait';
import { webhook } from './webhook';

/** Exhaustive: adding a step type to the schema without an executor here is a compile error. */
export const executors: { [T in StepType]: StepExecutor<T> } = {
  message,
  ab_router: abRouter,
  change_flow: changeFlow,
  ai_reply: aiReply,
  condition,
  wait,
  tag,
  set_field: setField,
  image_check: imageCheck,
  manual,
  webhook,
  goto,
  end,
  note,
};
