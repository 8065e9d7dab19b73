// The page's part of taking a card payment: <crm-account-statement> says what
// the shopper chose to pay, the page sends it to the store's backend (which
// charges the shopper and credits the card), and hands the request to the
// event so the statement shows the payment as received when it lands.
document.addEventListener('crm-statement-pay', (event) => {
  const paid = fetch('/card-payments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event.detail),
  }).then((response) => {
    if (!response.ok) throw new Error(`The store answered ${response.status}`);
  });
  event.waitUntil(paid);
});
