// The store card: accounts, purchases in installments, payments and refunds, and the monthly statement.
export { CardSimulation } from './card-simulation.ts';
export { closeDueStatementsOfAll, scheduleStatementClosing } from './statement-schedule.ts';
export { cardPortfolio, type CardPortfolio } from './card-portfolio.ts';
export { addMonths, periodBounds, periodOf } from './cycle.ts';
export {
  cardPlanOf,
  cardSummary,
  chargeToCard,
  closeDueStatements,
  defaultCardSettings,
  myStatementLine,
  refundToCard,
  statementRows,
  type CardPurchase,
} from './statements.service.ts';
