import type { Database } from '@clientela/server/db/schema';
import type { Insertable } from 'kysely';

// The shapes the demo store is generated in: its customers, as the seed draws them, and their orders.

export const paymentHabits = ['full', 'minimum', 'partial', 'late'] as const;
export type PaymentHabit = (typeof paymentHabits)[number];

export interface DemoCustomer {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  locale: 'es' | 'en';
  birthday: string;
  registeredAt: Date;
  /** Orders a year while active; 0 for someone who never bought. */
  ordersPerYear: number;
  /** Bought only more than a year ago. */
  lapsed: boolean;
  favorites: string[];
  /** Holds the Aurora store card, with this limit and this habit of paying it. */
  card: { creditLimit: number; habit: PaymentHabit } | null;
}

export interface GeneratedOrder {
  order: Insertable<Database['orders']>;
  lines: Insertable<Database['orderLines']>[];
}
