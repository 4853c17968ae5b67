/** Telegram as it really is: refusals, the limited state, media kinds, the device profile (issue 10). */
export const messengerEn = {
  tg: {
    media: {
      photo: 'Photo',
      voice: 'Voice message',
      round: 'Video message',
      video: 'Video',
      gif: 'GIF',
      sticker: 'Sticker',
      document: 'File',
      pending: 'Downloading…',
      unavailable: 'The file could not be downloaded',
    },
    failed: {
      reason: 'Not sent: {{reason}}',
      retry: 'Retry',
      edit: 'Edit',
      drop: 'Drop',
      editTitle: 'Edit and send again',
    },
    limited: {
      title: 'Limited by Telegram (PEER_FLOOD)',
      body: 'Telegram has limited this account for writing to people. Automatic sending is paused until {{until}}; leads keep their queued messages. Open @SpamBot in Telegram on this account to see the limit, then resume.',
      resume: 'Resume sending',
      floodWait: 'Telegram asked to wait (FLOOD_WAIT) until {{until}}.',
    },
    human: {
      ownerRepliesTakeOver: 'When I write in a chat from my phone, put that chat in manual',
      peerFloodPauseHours: 'Pause after a spam limit (PEER_FLOOD), hours',
      capOff: '0 turns the cap off',
    },
    device: {
      menu: 'Device profile',
      title: 'Device profile',
      hint: 'What this account tells Telegram it runs on (Settings → Devices). Keep it stable: a device that changes often looks like a stolen session. Changes apply on the next connection.',
      deviceModel: 'Device model',
      systemVersion: 'System version',
      appVersion: 'App version',
      langCode: 'Language',
      systemLangCode: 'System language',
    },
    sandbox: {
      more: 'Other media',
      image: 'Image as a file…',
      voice: 'Voice message',
      round: 'Video message',
      video: 'Video…',
      sticker: 'Sticker 👍',
      gif: 'GIF',
      file: 'File…',
    },
  },
};
