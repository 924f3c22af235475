import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckpointSink } from './checkpoint-sink.js';

export interface CheckpointFileSinkOptions {
  /** A JSONL file, appended to (created with its directory if missing). Put it where the database's owner cannot write. */
  path: string;
}

/**
 * Appends each checkpoint as one JSON line and fsyncs before reporting it written: a checkpoint the log
 * relies on must survive a power cut. One open handle, opened on the first write.
 */
export function createCheckpointFileSink(options: CheckpointFileSinkOptions): CheckpointSink {
  let handle: Promise<FileHandle> | undefined;
  const opened = (): Promise<FileHandle> =>
    (handle ??= mkdir(dirname(options.path), { recursive: true }).then(() => open(options.path, 'a', 0o644)));
  return {
    name: `file ${options.path}`,
    async write(checkpoint) {
      const file = await opened();
      await file.appendFile(`${JSON.stringify(checkpoint)}\n`);
      await file.datasync();
    },
    async close() {
      if (handle === undefined) return;
      const file = await handle;
      handle = undefined;
      await file.close();
    },
  };
}
