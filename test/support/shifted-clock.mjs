/**
 * Loaded with `node --import` into a server under test: its clock starts at
 * SHIFTED_CLOCK_START (an ISO instant) and runs on from there at the normal
 * pace, so what it seeds and shows is the same on every day the suite runs.
 */
const start = Date.parse(process.env.SHIFTED_CLOCK_START ?? '');
if (Number.isNaN(start)) throw new Error('SHIFTED_CLOCK_START must be an ISO instant');

const RealDate = Date;
const offset = start - RealDate.now();

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offset;
  }
}

globalThis.Date = ShiftedDate;
