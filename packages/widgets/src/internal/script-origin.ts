/** The origin the widget scripts came from: the API, unless an element's `api` attribute says otherwise. */
export const scriptOrigin = new URL(import.meta.url).origin;
