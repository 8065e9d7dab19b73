/** The versions of a store's key its tokens may be signed under now. */
export interface TokenKeyVersions {
  /** The version new tokens are signed with. */
  current: number;
  /** Until when tokens under the version before `current` still verify; null when none does. */
  previousUntil: Date | null;
}

/** A merchant as the rest of the app sees it: no key material. */
export interface Merchant {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  locale: string;
  /** What its pages send in `X-Publishable-Key` (public: problem documents name it). */
  publishableKey: string;
  origins: readonly string[];
  /** Which versions of the store's key verify its tokens (versions, not keys: those are derived). */
  tokenKeys: TokenKeyVersions;
}
