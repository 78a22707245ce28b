/** The one judge: which requirement a reply stands for, and what missing it costs. */
export {
  levelOf,
  missVerdict,
  missVerdictOf,
  strictestLevel,
  textMissVerdict,
  type MissVerdict,
} from './levels.js';
export {
  OK_REQUIREMENT,
  deliveryRequirement,
  errorRequirement,
  listingRequirement,
  orderRequirement,
  type MissingPart,
} from './requirement-of.js';
