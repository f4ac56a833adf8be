// Public exports of the message capability (filled in as it lands).
export {};
