/** The next file a widget offers for download: its link, as clicked (the click itself is held back, so nothing is saved). */
export function nextDownload(): Promise<HTMLAnchorElement> {
  return new Promise<HTMLAnchorElement>((resolve) => {
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      HTMLAnchorElement.prototype.click = original;
      resolve(this);
    };
  });
}
