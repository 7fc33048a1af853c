// The built-in rules: a plain map from id to rule, as ESLint's registry.
import type { Rule } from "../src/types.js";
import noExternalLink from "./no-external-link.js";
import noEmail from "./no-email.js";
import noPhoneNumber from "./no-phone-number.js";
import noImContact from "./no-im-contact.js";
import noQrCode from "./no-qr-code.js";
import noImageContact from "./no-image-contact.js";
import noOfflineDeal from "./no-offline-deal.js";
import noOffsitePayment from "./no-offsite-payment.js";
import noAssuranceRefusal from "./no-assurance-refusal.js";

export const builtinRules: Readonly<Record<string, Rule>> = {
  "no-external-link": noExternalLink,
  "no-email": noEmail,
  "no-phone-number": noPhoneNumber,
  "no-im-contact": noImContact,
  "no-qr-code": noQrCode,
  "no-image-contact": noImageContact,
  "no-offline-deal": noOfflineDeal,
  "no-offsite-payment": noOffsitePayment,
  "no-assurance-refusal": noAssuranceRefusal,
};

const builtins = new Set<Rule>(Object.values(builtinRules));

/** Is this one of the rules above (pure functions of the field, so their findings may be reused)? */
export function isBuiltinRule(rule: Rule): boolean {
  return builtins.has(rule);
}
