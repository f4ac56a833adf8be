// Public exports of the serve capability (filled in as it lands).
export {};
