import { text } from './store.ts';

// The store hears about a redemption through the widget's event, as a merchant's page would, and says what to do next.
const notice = document.querySelector<HTMLParagraphElement>('#store-notice')!;
document.addEventListener('crm-reward-redeem', (event) => {
  notice.textContent = text().redeemedNotice(event.reward.name, event.redemption.code);
});

// An erased shopper's session has ended: the store signs them out, as its own sign-out would.
document.addEventListener('crm-privacy-erase', () => {
  const picker = document.querySelector<HTMLSelectElement>('#shopper')!;
  picker.value = '';
  picker.dispatchEvent(new Event('change'));
});
