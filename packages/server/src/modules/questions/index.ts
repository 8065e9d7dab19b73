// The drip questionnaire and feedback after deliveries: what the store asks, what shoppers answer, and what the answers steer.
export { answerFilter, excludedCategoriesOf } from './questions.service.ts';
export { npsOf } from './feedback.service.ts';
