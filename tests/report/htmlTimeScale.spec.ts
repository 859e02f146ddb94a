/** The timeline's axis (report/html/timeScale.ts): the span shown, positions and dated ticks. */
import { strict as assert } from "node:assert";
import { dayLabel, timeDomain, timeTicks, xOf, type TimeScale } from "../../report/html/timeScale";

const DAY_MS = 86_400_000;

function scaleOf(start: string, end: string): TimeScale {
  return { start: Date.parse(start), end: Date.parse(end), left: 100, right: 1100 };
}

describe("report HTML page: time axis (report/html/timeScale)", () => {
  it("maps the span linearly onto the plot, left edge to right edge", () => {
    const scale = scaleOf("2026-01-01T00:00:00Z", "2026-01-11T00:00:00Z");
    assert.equal(xOf(scale, scale.start), 100);
    assert.equal(xOf(scale, scale.end), 1100);
    assert.equal(xOf(scale, Date.parse("2026-01-03T12:00:00Z")), 350);
    assert.equal(xOf(scale, Date.parse("2025-12-31T00:00:00Z")), 0);
  });

  it("shows every instant with a margin of 3% of the span, at least one day, on each side", () => {
    assert.deepEqual(timeDomain([1000 * DAY_MS, 0, 400 * DAY_MS]), {
      start: -30 * DAY_MS,
      end: 1030 * DAY_MS,
    });
    assert.deepEqual(timeDomain([5 * DAY_MS]), { start: 4 * DAY_MS, end: 6 * DAY_MS });
    assert.equal(timeDomain([]), undefined);
  });

  it("ticks weekly on Mondays for a span of weeks, naming the year on the first tick", () => {
    const ticks = timeTicks(scaleOf("2026-03-01T00:00:00Z", "2026-05-10T00:00:00Z"), 10);
    assert.deepEqual(
      ticks.map((tick) => tick.label),
      [
        "2 Mar 2026",
        "9 Mar",
        "16 Mar",
        "23 Mar",
        "30 Mar",
        "6 Apr",
        "13 Apr",
        "20 Apr",
        "27 Apr",
        "4 May",
      ],
    );
    for (const tick of ticks) assert.equal(new Date(tick.time).getUTCDay(), 1, "a Monday");
    assert.equal(ticks[0].time, Date.parse("2026-03-02T00:00:00Z"));
  });

  it("ticks daily for a span of days, and names the new year when the ticks cross it", () => {
    const ticks = timeTicks(scaleOf("2025-12-29T12:00:00Z", "2026-01-03T00:00:00Z"), 10);
    assert.deepEqual(
      ticks.map((tick) => tick.label),
      ["30 Dec 2025", "31 Dec", "1 Jan 2026", "2 Jan", "3 Jan"],
    );
  });

  it("ticks every few months for a span of a year or so, on month starts", () => {
    const ticks = timeTicks(scaleOf("2026-01-15T00:00:00Z", "2027-02-10T00:00:00Z"), 10);
    assert.deepEqual(
      ticks.map((tick) => tick.label),
      ["Mar 2026", "May", "Jul", "Sep", "Nov", "Jan 2027"],
    );
    assert.equal(ticks[0].time, Date.parse("2026-03-01T00:00:00Z"));
    assert.equal(ticks.at(-1)!.time, Date.parse("2027-01-01T00:00:00Z"));
  });

  it("ticks in years for long spans, including the years 0 to 99 (not read as 1900 to 1999)", () => {
    const ticks = timeTicks(scaleOf("0050-01-01T00:00:00Z", "0130-06-01T00:00:00Z"), 10);
    assert.deepEqual(
      ticks.map((tick) => tick.label),
      ["50", "60", "70", "80", "90", "100", "110", "120", "130"],
    );
    assert.equal(ticks[0].time, Date.parse("0050-01-01T00:00:00Z"));
  });

  it("keeps the number of ticks bounded across the whole range of JavaScript dates", () => {
    const scale: TimeScale = { start: -8.64e15, end: 8.64e15, left: 0, right: 1000 };
    const ticks = timeTicks(scale, 10);
    assert.ok(ticks.length >= 2 && ticks.length <= 11, `${ticks.length} ticks`);
    for (let index = 1; index < ticks.length; index += 1) {
      assert.ok(ticks[index].time > ticks[index - 1].time);
      assert.ok(ticks[index].time <= scale.end && ticks[0].time >= scale.start);
    }
  });

  it("writes a day as day, month and year in UTC", () => {
    assert.equal(dayLabel(Date.parse("2026-03-01T23:59:59Z")), "1 Mar 2026");
    assert.equal(dayLabel(Date.parse("0007-12-31T00:00:00Z")), "31 Dec 7");
  });
});
