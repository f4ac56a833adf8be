// Public exports of the bounce capability (filled in as it lands).
export {};
