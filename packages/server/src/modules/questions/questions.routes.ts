import {
  getFeedbackReport,
  getMyNextQuestion,
  getSegments,
  getQuestionnaireSettings,
  listCustomerAnswers,
  listQuestions as listQuestionsEndpoint,
  putMyAnswer,
  putMyOrderFeedback,
  putQuestion as putQuestionEndpoint,
  putQuestionnaireSettings as putQuestionnaireSettingsEndpoint,
} from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { requireCustomer } from '../customers/index.ts';
import { segments } from '../loyalty/index.ts';
import { feedbackReport, giveFeedback } from './feedback.service.ts';
import { answerFilter, answerQuestion, customerAnswers, listQuestions, nextQuestion, putQuestion, putQuestionnaireSettings, questionnaireSettingsOf } from './questions.service.ts';

export function questionRoutes(api: Api, deps: AppDeps): void {
  api.mount(putQuestionEndpoint, ({ caller, params, body }) => putQuestion(deps, caller.merchant, params.id, body));
  api.mount(listQuestionsEndpoint, ({ caller }) => listQuestions(deps, caller.merchant));
  api.mount(getQuestionnaireSettings, ({ caller }) => questionnaireSettingsOf(deps, caller.merchant));
  api.mount(putQuestionnaireSettingsEndpoint, ({ caller, body }) => putQuestionnaireSettings(deps, caller.merchant, body));
  api.mount(getMyNextQuestion, ({ caller, query }) => nextQuestion(deps, caller.merchant, caller.customerId, query.locale));
  api.mount(putMyAnswer, ({ caller, params, body }) => answerQuestion(deps, caller.merchant, caller.customerId, params.questionId, body));
  api.mount(putMyOrderFeedback, ({ caller, params, body }) => giveFeedback(deps, caller.merchant, caller.customerId, params.id, body));
  api.mount(listCustomerAnswers, async ({ caller, params }) => {
    await requireCustomer(deps.db, caller.merchant.id, params.id);
    return customerAnswers(deps, caller.merchant, params.id);
  });
  api.mount(getFeedbackReport, ({ caller, query }) => feedbackReport(deps, caller.merchant, query));
  // The pyramid is loyalty's; counting only those who gave an answer is the questionnaire's, so the route sits here.
  api.mount(getSegments, async ({ caller, query }) =>
    segments(deps, caller.merchant, query.answer === undefined ? undefined : await answerFilter(deps.db, caller.merchant.id, query.answer)),
  );
}
