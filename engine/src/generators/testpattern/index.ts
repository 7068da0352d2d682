export { createTestPatternGenerator, prepareTestPattern, TESTPATTERN_VERSION, type TestPatternOptions, type TestPatternJob } from './generator';
