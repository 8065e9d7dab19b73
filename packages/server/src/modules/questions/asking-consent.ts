import type { QuestionPurpose } from '@clientela/contract';

/**
 * Whether the store may ask this shopper a question of this purpose (and
 * the feedback after a delivery, a `satisfaction` question), and use the
 * answer for it: a preference steers recommendations, a profile answer
 * segments customers.
 *
 * The one place the questionnaire asks. Until shoppers can give or refuse
 * consent (`GET/PUT /v1/me/consents`, the privacy work), every shopper is
 * `allowed`; that work wires this function to their answer, and then a
 * shopper who refused is not asked, and their preference answers no longer
 * steer what they are shown.
 */
export async function askingConsentOf(_merchantId: string, _customerId: string, _purpose: QuestionPurpose): Promise<'allowed' | 'refused'> {
  return 'allowed';
}
