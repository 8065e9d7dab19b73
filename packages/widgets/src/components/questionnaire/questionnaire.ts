import { CrmQuestionnaire } from './questionnaire.component.ts';

CrmQuestionnaire.define('crm-questionnaire');

declare global {
  interface HTMLElementTagNameMap {
    'crm-questionnaire': CrmQuestionnaire;
  }
}

export { CrmQuestionnaire };
