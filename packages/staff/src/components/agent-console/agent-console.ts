import { CrmAgentConsole } from './agent-console.component.ts';

CrmAgentConsole.define('crm-agent-console');

declare global {
  interface HTMLElementTagNameMap {
    'crm-agent-console': CrmAgentConsole;
  }
}

export { CrmAgentConsole };
