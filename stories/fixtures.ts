import type { Me } from '@clientela/contract';

/** A shopper as GET /v1/me describes them, for stories. */
export const ana: Me = {
  id: 'cli-0001',
  firstName: 'Ana',
  lastName: 'Torres',
  locale: 'es',
  birthday: '1969-09-20',
  birthdayToday: false,
  memberSince: '2024-02-27T10:07:06.893Z',
  tier: 'top',
  points: { balance: 19_448 },
  merchant: { id: 'mer_demo', name: 'Almacenes Aurora', currency: 'CLP', timeZone: 'America/Santiago' },
};
