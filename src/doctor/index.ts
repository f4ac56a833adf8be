// Public exports of the doctor capability (filled in as it lands).
export {};
