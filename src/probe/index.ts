// Public exports of the probe capability (filled in as it lands).
export {};
