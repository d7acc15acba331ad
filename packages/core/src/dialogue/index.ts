export { dialogueHealth, type HealthComment, type HealthFigures, replyWindowDays } from './health.ts';
export { canonicalReceiptCode } from './receipt.ts';
export {
  defaultSensitiveWords,
  findSensitive,
  type NameIndex,
  nameIndex,
  normalizeText,
  type SensitiveFindings,
} from './sensitive.ts';
