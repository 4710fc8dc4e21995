import { BUSINESS_EMAIL_SHARE, COUNTRIES, FREE_MAIL, SENIORITY_SHARES, SIZE_BANDS, TITLES, type PROFILE_EFFECTS } from "./ground-truth.js";
import type { SeededRandom } from "./random.js";
import { isoSecond, simulatedLeadId, type SimLeadRow } from "./simulated-rows.js";

/** A simulated lead's profile: the leads.csv row and the levels its true close probability depends on. */
export interface DrawnProfile {
  readonly row: SimLeadRow;
  readonly seniority: keyof typeof TITLES;
  readonly sizeBand: keyof typeof PROFILE_EFFECTS.companySize;
  readonly business: boolean;
  readonly country: (typeof COUNTRIES)[number];
}

/**
 * Draws one lead's profile (seniority and title, company-size band and size,
 * business or free-mail address, company and account, country), shared by
 * every regime so they describe the same population. The draws happen in a
 * fixed order: the classic regime's exports depend on it byte for byte.
 */
export function drawProfile(random: SeededRandom, index: number, createdAt: number, companies: readonly string[]): DrawnProfile {
  const seniority = random.weighted(SENIORITY_SHARES);
  const [sizeBand, sizeLow, sizeHigh] = random.weighted(SIZE_BANDS.map((b) => [b, b[3]] as const));
  const business = random.chance(BUSINESS_EMAIL_SHARE);
  const company = random.pick(companies);
  const domain = business ? `${company}.example.com` : random.pick(FREE_MAIL);
  const accountId = random.chance(0.9) ? company.replace("company", "ACC") : "";
  const title = random.pick(TITLES[seniority]);
  const country = random.pick(COUNTRIES);
  const companySize = String(Math.round(random.uniform(sizeLow, sizeHigh)));
  const row: SimLeadRow = {
    lead_id: simulatedLeadId(index),
    created_at: isoSecond(createdAt),
    account_id: accountId,
    email: `person${index + 1}@${domain}`,
    title,
    company,
    country,
    company_size: companySize,
  };
  return { row, seniority, sizeBand, business, country };
}
