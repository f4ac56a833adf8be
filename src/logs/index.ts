// Public exports of the logs capability (filled in as it lands).
export {};
