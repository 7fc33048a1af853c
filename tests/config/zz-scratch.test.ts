import { it } from "vitest";
import { starterConfig } from "../../src/config/starter.js";
import { BUILTIN_RULES, PLATFORMS } from "./helpers.js";
it("print", () => { console.log(starterConfig({ rules: BUILTIN_RULES, platforms: PLATFORMS })); });
