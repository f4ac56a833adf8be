import { open } from 'node:fs/promises';
import type { DoctorDeps } from '../types.js';

/** Largest file the doctor reads from an answer (bounce, log): the tail of a bigger log is what matters. */
export const ANSWER_FILE_LIMIT = 32 * 1024 * 1024;

/** Read a file named in the answers, bounded (a huge log is read from its last ANSWER_FILE_LIMIT bytes). */
export async function readAnswerFile(path: string, deps: DoctorDeps): Promise<string> {
  if (deps.readFile) return deps.readFile(path);
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const start = Math.max(0, size - ANSWER_FILE_LIMIT);
    const buf = Buffer.alloc(Math.min(size, ANSWER_FILE_LIMIT));
    await fh.read(buf, 0, buf.length, start);
    return buf.toString('utf8');
  } finally {
    await fh.close();
  }
}
