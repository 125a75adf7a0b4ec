/** IPC channel names, shared by main and preload. One channel per contract method. */
export const methodChannel = (method: string) => `slurmdesk:call:${method}`;
export const cancelChannel = 'slurmdesk:cancel';
export const eventChannel = 'slurmdesk:event';
