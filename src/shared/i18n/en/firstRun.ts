/** The first-run checklist and the sandbox banner in the sidebar. Short lines: the sidebar is narrow. */
export const firstRunEn = {
  title: 'Getting started',
  progress: '{{done}} of {{total}}',
  dismiss: 'Hide the checklist',
  steps: {
    account: 'Account or sandbox',
    template: 'Pick a template',
    publish: 'Publish a script',
    postbacks: 'Set up postbacks',
  },
  hints: {
    account: 'Connect a Telegram account on the Accounts page, or start the app in sandbox mode to try everything with simulated people.',
    template: 'Create a script from one of the ready templates on the Scripts page.',
    publish: 'Publish the script and assign it to an account: from then on it answers every lead.',
    postbacks: 'On the Tracker page, save the postback settings or create a campaign, so registrations and deposits move leads.',
  },
  done: 'Done',
  sandboxTitle: 'Sandbox mode',
  sandboxLink: 'Open the Sandbox bar',
  sandboxHint: 'Telegram here is a local test server: nothing reaches real people. Write as a simulated lead with the Sandbox bar in the Inbox.',
};
