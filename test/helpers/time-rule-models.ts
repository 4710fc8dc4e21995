import { decayRules, handModel } from "./model-fixture.js";

/** Actions, titles and instants the incremental and timeline scoring properties draw random leads from. */
export const ACTIONS = ["demo_request", "pricing_page_view", "unsubscribe", "webinar", "email_open"];
export const TITLES = ["VP Sales", "Student", "Engineer", undefined];
export const DAY = 86_400_000;
export const T0 = Date.UTC(2025, 0, 1);

/** The hand model, plain and with every time rule (decay, exit, inactivity, velocity, FIT cap). */
export const TIME_RULE_MODELS = {
  plain: handModel(),
  "time rules": {
    ...handModel(),
    decay: decayRules({ halfLifeDays: { demo_request: 14, unsubscribe: 5 }, exitAfterDays: 20, inactivity: { days: 10, points: -6 } }),
    velocity: { minPointsPerDay: 1.5, points: 7 },
    profile: { ...handModel().profile, fitCap: 10 },
  },
};
