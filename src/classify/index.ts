// Public exports of the classify capability (filled in as it lands).
export {};
