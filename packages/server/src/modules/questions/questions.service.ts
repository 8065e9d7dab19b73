import {
  questionPurposes,
  type Answer,
  type AnswerInput,
  type AskedQuestion,
  type FieldError,
  type Locale,
  type NextQuestion,
  type Question,
  type QuestionInput,
  type QuestionKind,
  type QuestionnaireSettings,
  type QuestionPurpose,
} from '@clientela/contract';
import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type * as z from 'zod/mini';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import { WithStatus } from '../../core/results.ts';
import type { Database } from '../../db/schema.ts';
import { localizedFrom, localizedView, rewardAnswer, textIn } from '../loyalty/index.ts';
import { mayProcessSql } from '../privacy/index.ts';
import { askingConsentOf } from './asking-consent.ts';
import {
  answersOf,
  deliveredUnrated,
  feedbackOf,
  findQuestion,
  firstUnanswered,
  insertAnswer,
  intervalDaysOf,
  lastAnsweredAt,
  latestAnswer,
  latestAnswersFor,
  latestAnswerPicked,
  lockCustomer,
  putIntervalDays,
  questionsOf,
  upsertQuestion,
} from './questions.repository.ts';
import type { QuestionTable, StoredChoice } from './questions.tables.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

type QuestionRow = Selectable<QuestionTable>;
const day = 86_400_000;
/** How often a shopper is asked unless the store says otherwise. */
export const defaultIntervalDays = 7;
/** A delivery is asked about on a visit within this many days of it. */
const feedbackWindowDays = 30;
const defaultTextBound = 500;
const choiceKinds: readonly QuestionKind[] = ['single-choice', 'multiple-choice'];

const invalid = (errors: FieldError[]) => new ProblemError('invalid-request', `Check ${errors.map((e) => `${e.in}.${e.field}`).join(', ')}`, { errors });

function toQuestion(row: QuestionRow): Question {
  return {
    id: row.id,
    kind: row.kind as QuestionKind,
    purpose: row.purpose as QuestionPurpose,
    prompt: localizedView(row.prompt),
    choices: row.choices.map((choice) => ({ id: choice.id, label: localizedView(choice.label), excludesCategories: choice.excludesCategories })),
    maxLength: row.maxLength,
    rewardPoints: row.rewardPoints,
    active: row.active,
    position: row.position,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the zod schema cannot see alone: choices only, and always, for choice questions, each id once; a bound only on text. */
function checkQuestion(input: z.output<typeof QuestionInput>): void {
  const errors: FieldError[] = [];
  const needsChoices = choiceKinds.includes(input.kind);
  if (needsChoices && !input.choices) errors.push({ in: 'body', field: 'choices', message: `A ${input.kind} question needs 2 to 12 choices` });
  if (!needsChoices && input.choices) errors.push({ in: 'body', field: 'choices', message: `A ${input.kind} question has no choices` });
  const ids = input.choices?.map((choice) => choice.id) ?? [];
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) errors.push({ in: 'body', field: `choices.${i}.id`, message: `Choice ${id} is there twice` });
  });
  if (input.maxLength !== undefined && input.kind !== 'text') errors.push({ in: 'body', field: 'maxLength', message: 'Only a text question has a bound' });
  if (errors.length > 0) throw invalid(errors);
}

/** Creates or replaces a question; its answers stay as they were given. */
export async function putQuestion(deps: Deps, merchant: Merchant, id: string, input: z.output<typeof QuestionInput>): Promise<WithStatus<Question>> {
  checkQuestion(input);
  const now = deps.clock();
  const existed = await findQuestion(deps.db, merchant.id, id);
  const choices: StoredChoice[] = (input.choices ?? []).map((choice) => ({ id: choice.id, label: localizedFrom(choice.label), excludesCategories: choice.excludesCategories }));
  const row = await upsertQuestion(deps.db, {
    merchantId: merchant.id,
    id,
    kind: input.kind,
    purpose: input.purpose,
    prompt: JSON.stringify(localizedFrom(input.prompt)),
    choices: JSON.stringify(choices),
    maxLength: input.kind === 'text' ? (input.maxLength ?? defaultTextBound) : null,
    rewardPoints: input.rewardPoints,
    active: input.active,
    position: input.position,
    createdAt: now,
    updatedAt: now,
  });
  return new WithStatus(toQuestion(row), existed ? 200 : 201);
}

export async function listQuestions(deps: Deps, merchant: Merchant) {
  return { items: (await questionsOf(deps.db, merchant.id)).map(toQuestion) };
}

export async function questionnaireSettingsOf(deps: Deps, merchant: Merchant): Promise<QuestionnaireSettings> {
  return { intervalDays: (await intervalDaysOf(deps.db, merchant.id)) ?? defaultIntervalDays };
}

export async function putQuestionnaireSettings(deps: Deps, merchant: Merchant, settings: QuestionnaireSettings): Promise<QuestionnaireSettings> {
  await putIntervalDays(deps.db, merchant.id, settings.intervalDays);
  return settings;
}

function asked(row: QuestionRow, locale: string, storeLocale: string): AskedQuestion {
  const text = (stored: StoredChoice['label']) => textIn(stored, locale, storeLocale) ?? '';
  return {
    id: row.id,
    kind: row.kind as QuestionKind,
    purpose: row.purpose as QuestionPurpose,
    prompt: text(row.prompt),
    choices: row.choices.map((choice) => ({ id: choice.id, label: text(choice.label) })),
    maxLength: row.maxLength,
    rewardPoints: row.rewardPoints,
  };
}

/** The purposes the shopper lets the store ask about. */
async function purposesAllowed(db: Kysely<Database>, merchantId: string, customerId: string): Promise<QuestionPurpose[]> {
  const answers = await Promise.all(questionPurposes.map(async (purpose) => [purpose, await askingConsentOf(db, merchantId, customerId, purpose)] as const));
  return answers.filter(([, consent]) => consent === 'allowed').map(([purpose]) => purpose);
}

/**
 * The one thing to ask now. Feedback on a delivery comes first, on the next
 * visit after it; a question waits the store's interval since the shopper
 * last answered anything, so they are asked a drop at a time.
 */
export async function nextQuestion(deps: Deps, merchant: Merchant, customerId: string, locale: Locale | undefined): Promise<NextQuestion> {
  const now = deps.clock();
  const customer = await deps.db.selectFrom('customers').select('locale').where('merchantId', '=', merchant.id).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw notFound(`Customer ${customerId}`);
  const purposes = await purposesAllowed(deps.db, merchant.id, customerId);
  if (purposes.includes('satisfaction')) {
    const order = await deliveredUnrated(deps.db, merchant.id, customerId, new Date(now.getTime() - feedbackWindowDays * day));
    if (order) return { next: { type: 'feedback', order: { id: order.id, placedAt: order.placedAt.toISOString(), items: order.items } } };
  }
  const [last, settings] = await Promise.all([lastAnsweredAt(deps.db, merchant.id, customerId), questionnaireSettingsOf(deps, merchant)]);
  if (last && now.getTime() - last.getTime() < settings.intervalDays * day) return { next: null };
  const question = await firstUnanswered(deps.db, merchant.id, customerId, purposes);
  if (!question) return { next: null };
  return { next: { type: 'question', question: asked(question, locale ?? customer.locale ?? merchant.locale, merchant.locale) } };
}

type AnswerFields = z.output<typeof AnswerInput>;

/** The answer's value as the question takes it, choices in the question's order; a 400 naming the field otherwise. */
function valueFor(question: QuestionRow, input: AnswerFields) {
  const errors: FieldError[] = [];
  const field = (name: string, message: string) => errors.push({ in: 'body', field: name, message });
  const kind = question.kind as QuestionKind;
  const wanted = choiceKinds.includes(kind) ? 'choices' : kind === 'scale' ? 'score' : 'text';
  for (const name of ['choices', 'score', 'text'] as const) {
    if (name !== wanted && input[name] !== undefined) field(name, `A ${kind} question is answered with ${wanted}`);
  }
  if (input[wanted] === undefined) field(wanted, `A ${kind} question is answered with ${wanted}`);
  if (wanted === 'choices' && input.choices) {
    const known = question.choices.map((choice) => choice.id);
    input.choices.forEach((id, i) => {
      if (!known.includes(id)) field(`choices.${i}`, `Not one of the choices: ${known.join(', ')}`);
      else if (input.choices!.indexOf(id) !== i) field(`choices.${i}`, `Choice ${id} is there twice`);
    });
    if (kind === 'single-choice' && input.choices.length > 1) field('choices', 'Pick one choice');
  }
  if (wanted === 'text' && input.text !== undefined && input.text.length > (question.maxLength ?? defaultTextBound)) {
    field('text', `At most ${question.maxLength ?? defaultTextBound} characters`);
  }
  if (errors.length > 0) throw invalid(errors);
  if (wanted === 'choices') return { choices: question.choices.map((choice) => choice.id).filter((id) => input.choices!.includes(id)) };
  return wanted === 'score' ? { score: input.score! } : { text: input.text! };
}

const toAnswer = (row: { questionId: string; value: Answer['value']; answeredAt: Date; pointsAwarded: number }): Answer => ({
  questionId: row.questionId,
  value: row.value,
  answeredAt: row.answeredAt.toISOString(),
  pointsAwarded: row.pointsAwarded,
});

/**
 * Records an answer. The same answer as the latest is stored once; another is
 * added after it (answers are history, never overwritten). The question's
 * reward comes with the first answer only. An inactive or unknown question is
 * not found.
 */
export async function answerQuestion(deps: Deps, merchant: Merchant, customerId: string, questionId: string, input: AnswerFields): Promise<WithStatus<Answer>> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const question = await findQuestion(trx, merchant.id, questionId);
    if (!question || !question.active) throw notFound(`Question ${questionId}`);
    const value = valueFor(question, input);
    if ((await askingConsentOf(trx, merchant.id, customerId, question.purpose as QuestionPurpose)) === 'refused') {
      throw new ProblemError('conflict', `The shopper did not allow ${question.purpose} questions`);
    }
    if (!(await lockCustomer(trx, merchant.id, customerId))) throw notFound(`Customer ${customerId}`);
    const latest = await latestAnswer(trx, merchant.id, customerId, questionId);
    if (latest && JSON.stringify(latest.value) === JSON.stringify(value)) return new WithStatus(toAnswer(latest), 200);
    const label = textIn(question.prompt, merchant.locale, merchant.locale) ?? question.id;
    const points = !latest && question.rewardPoints > 0 ? await rewardAnswer(trx, merchant, customerId, now, { questionId, points: question.rewardPoints, label }) : 0;
    const row = await insertAnswer(trx, { merchantId: merchant.id, customerId, questionId, value, pointsAwarded: points, answeredAt: now });
    return new WithStatus(toAnswer(row), 201);
  });
}

/** A customer's profile answers, newest first, every earlier answer kept, and their feedback on orders. */
export async function customerAnswers(deps: Deps, merchant: Merchant, customerId: string) {
  const [answers, feedback] = await Promise.all([answersOf(deps.db, merchant.id, customerId), feedbackOf(deps.db, merchant.id, customerId)]);
  return {
    answers: answers.map((row) => ({ ...toAnswer(row), prompt: textIn(row.prompt, merchant.locale, merchant.locale) ?? row.questionId, purpose: row.purpose as QuestionPurpose })),
    feedback: feedback.map((row) => ({ orderId: row.orderId, score: row.score, comment: row.comment, answeredAt: row.answeredAt.toISOString() })),
  };
}

/**
 * The product categories the shopper said they do not want, read at each
 * request: the choices of their latest answer to each preference question,
 * as the question defines them now. None when they did not allow
 * preference questions.
 */
export async function excludedCategoriesOf(db: Kysely<Database>, merchantId: string, customerId: string): Promise<Set<string>> {
  if ((await askingConsentOf(db, merchantId, customerId, 'preferences')) === 'refused') return new Set();
  const latest = await latestAnswersFor(db, merchantId, customerId, 'preferences');
  const excluded = new Set<string>();
  for (const answer of latest) {
    for (const choice of answer.choices) {
      if (answer.value.choices?.includes(choice.id)) for (const category of choice.excludesCategories) excluded.add(category);
    }
  }
  return excluded;
}

/** `?answer=question:choice` of the segments, as a condition on the customer `c`; a 400 naming the field for a question or choice the store does not have. */
export async function answerFilter(db: Kysely<Database>, merchantId: string, answer: string) {
  const cut = answer.lastIndexOf(':');
  const [questionId, pick] = [answer.slice(0, cut), answer.slice(cut + 1)];
  const question = await findQuestion(db, merchantId, questionId);
  const refuse = (message: string) => invalid([{ in: 'query', field: 'answer', message }]);
  if (!question) throw refuse(`No question ${questionId}`);
  const picks = question.kind === 'scale' ? ['1', '2', '3', '4', '5'] : question.choices.map((choice) => choice.id);
  if (!picks.includes(pick)) throw refuse(picks.length > 0 ? `Question ${questionId} is answered with one of ${picks.join(', ')}` : `Question ${questionId} has no choices to count by`);
  // Like the questionnaire, segments count a preference or profile answer only while its shopper allows profiling.
  if (question.purpose === 'satisfaction') return latestAnswerPicked(questionId, pick);
  return sql<SqlBool>`(${latestAnswerPicked(questionId, pick)} and ${await mayProcessSql(db, merchantId, 'profiling')})`;
}
