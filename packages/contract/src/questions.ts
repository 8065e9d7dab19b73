import * as z from 'zod/mini';
import { ExternalId, IsoDateTime, LocaleQuery, LocalizedText, localizedInput, OneLine, Tier } from './common.ts';
import { allStaff, defineEndpoint, ownersAndAdmins } from './endpoint.ts';

// Drip questionnaires ("cuestionarios gota a gota"): short questions the store
// asks one at a time, and the feedback asked after a delivery.

export const questionKinds = ['single-choice', 'multiple-choice', 'scale', 'text'] as const;
export const QuestionKind = z.enum(questionKinds);
export type QuestionKind = z.infer<typeof QuestionKind>;

/** What the answer is for: tastes (they steer recommendations), who the shopper is, or how the store did. */
export const questionPurposes = ['preferences', 'profile', 'satisfaction'] as const;
export const QuestionPurpose = z.enum(questionPurposes);
export type QuestionPurpose = z.infer<typeof QuestionPurpose>;

/** The most characters a free-text answer may have, whatever the question allows. */
export const maxTextAnswer = 2000;
/** A 1–5 question's lowest and highest scores. */
export const scaleRange = [1, 5] as const;

const ChoiceId = z.string().check(z.minLength(1), z.maxLength(40), z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'Use letters, digits, _ and -, starting with a letter or digit'));

export const QuestionChoiceInput = z.object({
  id: ChoiceId,
  label: localizedInput(OneLine(80)),
  /** Product categories a shopper who picks this choice is not shown in recommendations ("no me interesa Deportes"). */
  excludesCategories: z._default(z.array(OneLine(80)).check(z.maxLength(20)), []),
});

export const QuestionInput = z.object({
  kind: QuestionKind,
  purpose: QuestionPurpose,
  prompt: localizedInput(OneLine(200)),
  /** For single and multiple choice: 2 to 12 choices, each id once. */
  choices: z.optional(z.array(QuestionChoiceInput).check(z.minLength(2), z.maxLength(12))),
  /** For free text: the most characters an answer may have (500 when left out). */
  maxLength: z.optional(z.int().check(z.minimum(1), z.maximum(maxTextAnswer))),
  /** Points the shopper earns for the first answer. */
  rewardPoints: z._default(z.int().check(z.minimum(0), z.maximum(100_000)), 0),
  /** Inactive questions are never asked; their answers stay. */
  active: z._default(z.boolean(), true),
  /** Lower is asked first. */
  position: z._default(z.int().check(z.minimum(0), z.maximum(10_000)), 0),
});
export type QuestionInput = z.input<typeof QuestionInput>;

export const QuestionChoice = z.object({ id: z.string(), label: LocalizedText, excludesCategories: z.array(z.string()) });

export const Question = z.object({
  id: z.string(),
  kind: QuestionKind,
  purpose: QuestionPurpose,
  prompt: LocalizedText,
  choices: z.array(QuestionChoice),
  /** For free text, the bound on an answer; null otherwise. */
  maxLength: z.nullable(z.int()),
  rewardPoints: z.int(),
  active: z.boolean(),
  position: z.int(),
  updatedAt: IsoDateTime,
});
export type Question = z.infer<typeof Question>;

export const putQuestion = defineEndpoint({
  id: 'putQuestion',
  method: 'PUT',
  path: '/v1/questions/{id}',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Questions',
  summary:
    'Creates (201) or replaces (200) a short question: single choice, multiple choice, 1–5, or free text with a bound; its purpose, and an optional points reward for the first answer. Answers already given stay as they were given.',
  params: z.object({ id: ExternalId }),
  body: QuestionInput,
  response: Question,
  status: 201,
});

export const listQuestions = defineEndpoint({
  id: 'listQuestions',
  method: 'GET',
  path: '/v1/questions',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Questions',
  summary: "The store's questions, in the order they are asked.",
  response: z.object({ items: z.array(Question) }),
});

export const QuestionnaireSettings = z.object({
  /** Days between two questions to the same shopper (0: one every visit). Feedback after a delivery is asked on the next visit regardless. */
  intervalDays: z.int().check(z.minimum(0), z.maximum(365)),
});
export type QuestionnaireSettings = z.infer<typeof QuestionnaireSettings>;

export const getQuestionnaireSettings = defineEndpoint({
  id: 'getQuestionnaireSettings',
  method: 'GET',
  path: '/v1/questionnaire-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Questions',
  summary: 'How often a shopper may be asked a question (7 days unless set).',
  response: QuestionnaireSettings,
});

export const putQuestionnaireSettings = defineEndpoint({
  id: 'putQuestionnaireSettings',
  method: 'PUT',
  path: '/v1/questionnaire-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Questions',
  summary: 'Sets how often a shopper may be asked a question.',
  body: QuestionnaireSettings,
  response: QuestionnaireSettings,
});

/** A question as the shopper is asked it: in their language. */
export const AskedQuestion = z.object({
  id: z.string(),
  kind: QuestionKind,
  purpose: QuestionPurpose,
  prompt: z.string(),
  choices: z.array(z.object({ id: z.string(), label: z.string() })),
  maxLength: z.nullable(z.int()),
  rewardPoints: z.int(),
});
export type AskedQuestion = z.infer<typeof AskedQuestion>;

/** What to ask the shopper now, if anything: a question, or how a delivered order went. */
export const NextQuestion = z.object({
  next: z.nullable(
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('question'), question: AskedQuestion }),
      z.object({ type: z.literal('feedback'), order: z.object({ id: z.string(), placedAt: IsoDateTime, items: z.array(z.string()) }) }),
    ]),
  ),
});
export type NextQuestion = z.infer<typeof NextQuestion>;

export const getMyNextQuestion = defineEndpoint({
  id: 'getMyNextQuestion',
  method: 'GET',
  path: '/v1/me/questions/next',
  audience: 'shopper',
  tag: 'Questions',
  summary:
    'The one thing to ask the shopper now: feedback on an order delivered and not yet rated, else the first active question they have not answered, if the store\'s interval has passed since their last answer; else nothing.',
  query: LocaleQuery,
  response: NextQuestion,
});

/** An answer: the choices picked (single or multiple choice), a score (1–5) or a text, as the question asks. */
export const AnswerInput = z.object({
  choices: z.optional(z.array(ChoiceId).check(z.minLength(1), z.maxLength(12))),
  score: z.optional(z.int().check(z.minimum(scaleRange[0]), z.maximum(scaleRange[1]))),
  text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(maxTextAnswer))),
});
export type AnswerInput = z.input<typeof AnswerInput>;

export const AnswerValue = z.object({
  choices: z.optional(z.array(z.string())),
  score: z.optional(z.int()),
  text: z.optional(z.string()),
});
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answer = z.object({
  questionId: z.string(),
  value: AnswerValue,
  answeredAt: IsoDateTime,
  /** Points this answer earned (the question's reward, the first time only). */
  pointsAwarded: z.int(),
});
export type Answer = z.infer<typeof Answer>;

export const putMyAnswer = defineEndpoint({
  id: 'putMyAnswer',
  method: 'PUT',
  path: '/v1/me/answers/{questionId}',
  audience: 'shopper',
  tag: 'Questions',
  summary:
    "Answers a question. The same answer again is stored once (200); another answer is added to the shopper's history (201), never replacing the one before. The reward is earned once.",
  params: z.object({ questionId: ExternalId }),
  body: AnswerInput,
  response: Answer,
  status: 201,
  errors: [404],
});

export const FeedbackInput = z.object({
  /** How likely the shopper is to recommend the store, 0 to 10 (NPS). */
  score: z.int().check(z.minimum(0), z.maximum(10)),
  comment: z._default(z.string().check(z.trim(), z.maxLength(1000), z.regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed')), ''),
});
export type FeedbackInput = z.input<typeof FeedbackInput>;

export const Feedback = z.object({ orderId: z.string(), score: z.int(), comment: z.string(), answeredAt: IsoDateTime });
export type Feedback = z.infer<typeof Feedback>;

export const putMyOrderFeedback = defineEndpoint({
  id: 'putMyOrderFeedback',
  method: 'PUT',
  path: '/v1/me/orders/{id}/feedback',
  audience: 'shopper',
  tag: 'Questions',
  summary:
    '"¿Cómo fue tu compra?": the shopper rates a delivered order 0–10 with a comment, once. The same feedback again answers 200; other feedback for the same order is a 409, as is feedback on an order not delivered.',
  params: z.object({ id: ExternalId }),
  body: FeedbackInput,
  response: Feedback,
  status: 201,
  errors: [404, 409],
});

export const CustomerAnswer = z.object({ ...Answer.shape, prompt: z.string(), purpose: QuestionPurpose });

export const listCustomerAnswers = defineEndpoint({
  id: 'listCustomerAnswers',
  method: 'GET',
  path: '/v1/customers/{id}/answers',
  audience: 'secret',
  staff: allStaff,
  tag: 'Questions',
  summary: "Everything a customer answered, newest first, earlier answers to the same question included (answers are never changed), and their feedback on orders.",
  params: z.object({ id: ExternalId }),
  response: z.object({ answers: z.array(CustomerAnswer), feedback: z.array(Feedback) }),
  errors: [404],
});

const NpsFigures = z.object({
  responses: z.int(),
  /** Scores of 9 and 10. */
  promoters: z.int(),
  /** Scores of 7 and 8. */
  passives: z.int(),
  /** Scores of 0 to 6. */
  detractors: z.int(),
  /** Promoters' share less detractors', in points from -100 to 100; null without responses. */
  nps: z.nullable(z.number()),
});

const Month = z.string().check(z.maxLength(7), z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month as YYYY-MM'));

export const FeedbackReport = z.object({
  from: z.string(),
  to: z.string(),
  total: NpsFigures,
  /** Each month from `from` to `to`, in the store's time zone, with its figures per tier (the customer's tier now). */
  months: z.array(z.object({ month: z.string(), ...NpsFigures.shape, byTier: z.array(z.object({ tier: Tier, ...NpsFigures.shape })) })),
  byTier: z.array(z.object({ tier: Tier, ...NpsFigures.shape })),
  /** The latest comments of the period, newest first (at most 50). */
  comments: z.array(z.object({ orderId: z.string(), customerId: z.string(), tier: Tier, score: z.int(), comment: z.string(), answeredAt: IsoDateTime })),
});
export type FeedbackReport = z.infer<typeof FeedbackReport>;

export const getFeedbackReport = defineEndpoint({
  id: 'getFeedbackReport',
  method: 'GET',
  path: '/v1/reports/feedback',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Reports',
  summary: 'Net promoter score and comments from the feedback after deliveries, per month and per tier, from `from` to `to` (months, YYYY-MM; the last twelve months when left out; at most 24).',
  query: z.object({ from: z.optional(Month), to: z.optional(Month) }),
  response: FeedbackReport,
});
