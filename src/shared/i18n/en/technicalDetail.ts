/** Plain words for the network and file errors a coded message's `{detail}` carries (see lib/technicalDetail.ts). */
export const technicalDetailEn = {
  refused: 'connection refused: nothing answers at that address ({{code}})',
  notFound: 'host name not found: check the address and the internet connection ({{code}})',
  timedOut: 'no answer in time ({{code}})',
  dropped: 'the connection was dropped ({{code}})',
  unreachable: 'the network cannot reach that host ({{code}})',
  certificate: "the server's TLS certificate was not accepted ({{code}})",
  portBusy: 'the port is already used by another program ({{code}})',
  noPermission: 'no permission ({{code}})',
  diskFull: 'the disk is full ({{code}})',
  noFile: 'file or folder not found ({{code}})',
  connectFailed: 'could not connect ({{code}})',
};
