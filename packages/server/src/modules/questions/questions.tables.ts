import type { AnswerValue, LocalizedText } from '@clientela/contract';
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/columns.ts';

// The drip questionnaire: questions, answers (append-only), how often to ask, and feedback after deliveries.

/** A choice as stored: its labels in the languages given. */
export interface StoredChoice {
  id: string;
  label: Partial<LocalizedText>;
  excludesCategories: string[];
}

export interface QuestionTable {
  merchantId: string;
  id: string;
  kind: string;
  purpose: string;
  prompt: ColumnType<Partial<LocalizedText>, string, string>;
  choices: ColumnType<StoredChoice[], string, string>;
  maxLength: number | null;
  rewardPoints: number;
  active: boolean;
  position: number;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AnswerTable {
  merchantId: string;
  id: Generated<number>;
  customerId: string;
  questionId: string;
  value: ColumnType<AnswerValue, string, never>;
  pointsAwarded: number;
  answeredAt: Timestamp;
}

export interface QuestionnaireSettingsTable {
  merchantId: string;
  intervalDays: number;
}

export interface OrderFeedbackTable {
  merchantId: string;
  orderId: string;
  customerId: string;
  score: number;
  comment: string;
  answeredAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface QuestionTables {
  questions: QuestionTable;
  answers: AnswerTable;
  questionnaireSettings: QuestionnaireSettingsTable;
  orderFeedback: OrderFeedbackTable;
}
