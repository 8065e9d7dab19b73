import type { Tier } from '@clientela/contract';

/** English, the reference every other language must match key for key. */
const en = {
  loading: 'Loading…',
  retry: 'Try again',
  errorGeneric: 'We could not load this right now.',
  errorNetwork: 'No connection to the store. Check your connection and try again.',
  greetingHello: (name: string) => `Hi, ${name}`,
  greetingBirthday: (name: string) => `Happy birthday, ${name}!`,
  greetingBirthdayNote: 'We have a gift for you in your points.',
  greetingSignedOut: 'Hi! Sign in to see your points and benefits.',
  greetingRegion: 'Your account',
  points: (formatted: string) => `${formatted} points`,
  tierLabel: 'Level',
  tiers: {
    top: 'Diamond',
    large: 'Gold',
    medium: 'Silver',
    small: 'Bronze',
    inactive: 'Member',
    potential: 'New member',
  } satisfies Record<Tier, string>,
};

export type Translation = typeof en;
export default en;
