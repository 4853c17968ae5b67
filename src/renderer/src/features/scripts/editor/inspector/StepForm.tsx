import type { StepType } from '../../../../../../shared/script';
import { AbRouterForm } from './forms/AbRouterForm';
import { AiReplyForm } from './forms/AiReplyForm';
import { ConditionForm } from './forms/ConditionForm';
import { ImageCheckForm } from './forms/ImageCheckForm';
import { ChangeFlowForm, GotoForm, ManualForm, MessageForm, NoteForm, SetFieldForm, TagForm } from './forms/simpleForms';
import { WaitForm } from './forms/WaitForm';
import { WebhookForm } from './forms/WebhookForm';

/** The settings of one step type; every field of its schema. */
export function StepForm({ type }: { type: StepType }) {
  switch (type) {
    case 'message':
      return <MessageForm />;
    case 'ai_reply':
      return <AiReplyForm />;
    case 'ab_router':
      return <AbRouterForm />;
    case 'condition':
      return <ConditionForm />;
    case 'wait':
      return <WaitForm />;
    case 'tag':
      return <TagForm />;
    case 'set_field':
      return <SetFieldForm />;
    case 'image_check':
      return <ImageCheckForm />;
    case 'change_flow':
      return <ChangeFlowForm />;
    case 'goto':
      return <GotoForm />;
    case 'manual':
      return <ManualForm />;
    case 'webhook':
      return <WebhookForm />;
    case 'note':
      return <NoteForm />;
    case 'end':
      return null;
  }
}
