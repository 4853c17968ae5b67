import postbackCloud from '../../resources/templates/postback-cloud-funnel.json';
import screenshot from '../../resources/templates/screenshot-funnel.json';

/** The seed funnels, bundled into the build so every host (Electron, headless, CLI) has them. */
export const templates: Record<string, unknown> = {
  'screenshot-funnel': screenshot,
  'postback-cloud-funnel': postbackCloud,
};
