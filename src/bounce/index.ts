// Public exports of the bounce capability.
export { parseBounce, type ParseBounceOptions } from './parse.js';
export { readBounces, expandBounceSources, splitMbox, type ReadBouncesOptions, type BounceItem } from './read.js';
export { bounceFindings, bounceReport, bounceMessageRecord, bounceCsvRows, BOUNCE_CSV_COLUMNS, type BounceMessageRecord } from './report.js';
export { BounceTally, type BounceSummary } from './summary.js';
export { checkBounce, checkBounces, CHECK_BOUNCES_LIMIT } from './check.js';
export type { BounceRecipient, BounceResult, BounceKind, RawRecipient, BounceFormat, BounceContext } from './types.js';
export { BOUNCE_FORMATS } from './formats/index.js';
export { scoreBounceCorpus, scoreItems, loadSisimaiCorpus, leaveOneFamilyOut, type CorpusScore, type CorpusItem, type ExpectedRecipient } from './corpus.js';
