/** Storage limits of the model: every store a client can grow has a named cap. */
export interface ModelLimits {
  /** Live sessions across all users; past it the oldest session is forgotten. */
  readonly maxSessions: number;
  /** Unread messages one user's inbox holds; past it sends to that user get STORAGE_FULL. */
  readonly maxInboxMessages: number;
  /** Bytes of base64 file data held across all repositories (each copy counted). */
  readonly maxStoredFileBytes: number;
  /**
   * Characters of unread message text held across all inboxes (each recipient's copy
   * counted): without it, 100,000 messages of 16 MiB each could wait in one inbox.
   */
  readonly maxStoredMessageChars: number;
}

export const DEFAULT_LIMITS: ModelLimits = Object.freeze({
  maxSessions: 100_000,
  maxInboxMessages: 100_000,
  maxStoredFileBytes: 1024 * 1024 * 1024,
  maxStoredMessageChars: 1024 * 1024 * 1024,
});
