import { locale, text } from './store.ts';

/**
 * The store's checkout for its card, as a merchant's page would wire it: the
 * statement asks for a payment with `crm-statement-pay`, the store's own
 * gateway (a stand-in here) takes it, and the store's backend credits it to
 * the card with Clientela's `POST /v1/payments`. The statement watches the
 * promise and shows the payment as received once the API has it.
 */
const checkout = document.querySelector<HTMLDialogElement>('#checkout')!;
const amountText = checkout.querySelector<HTMLParagraphElement>('#checkout-amount')!;
const errorText = checkout.querySelector<HTMLParagraphElement>('#checkout-error')!;

/** Resolves with the shopper's choice when the checkout closes. */
const choice = () => new Promise<string>((resolve) => checkout.addEventListener('close', () => resolve(checkout.returnValue), { once: true }));

async function pay(detail: { period: string; amount: number; currency: string }): Promise<void> {
  const money = new Intl.NumberFormat(locale === 'es' ? 'es-CL' : 'en', { style: 'currency', currency: detail.currency });
  const digits = money.resolvedOptions().maximumFractionDigits ?? 0;
  amountText.textContent = text().checkoutAmount(money.format(detail.amount / 10 ** digits));
  errorText.textContent = '';
  for (;;) {
    checkout.returnValue = '';
    checkout.showModal();
    if ((await choice()) !== 'pay') throw new DOMException('The shopper left the checkout', 'AbortError');
    const response = await fetch('/demo/api/card-payments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(detail),
    });
    if (response.ok) return;
    errorText.textContent = text().checkoutFailed;
  }
}

document.addEventListener('crm-statement-pay', (event) => {
  event.waitUntil(pay(event.detail));
});
