import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { auditCheckpointSchema, type AuditCheckpoint } from '../../../contract/index.js';

/** The checkpoints of an exported JSONL file, and the lines that were not checkpoints. */
export interface CheckpointFile {
  checkpoints: AuditCheckpoint[];
  /** `line 12: …` for each unreadable line; a verifier reports them, since an attacker may have edited the file. */
  unreadable: string[];
}

/** Reads a checkpoint file line by line (it grows for as long as Podium runs); blank lines are skipped. */
export async function readCheckpointFile(path: string): Promise<CheckpointFile> {
  const checkpoints: AuditCheckpoint[] = [];
  const unreadable: string[] = [];
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    const parsed = auditCheckpointSchema.safeParse(parseJson(line));
    if (parsed.success) checkpoints.push(parsed.data);
    else unreadable.push(`line ${number}: not a checkpoint (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  }
  return { checkpoints, unreadable };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
