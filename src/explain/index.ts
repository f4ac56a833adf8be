// Public exports of the explain capability (filled in as it lands).
export {};
