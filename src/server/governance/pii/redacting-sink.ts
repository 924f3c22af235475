/**
 * A response sink that redacts the answer on its way to the client: a complete JSON answer is
 * rewritten before it is sent; a stream is re-framed event by event through a StreamRedactor.
 * Error responses pass untouched (they carry no answer, and Podium's own never carry values).
 */
import type { PodiumError, Surface } from '../../../contract/index.js';
import type { ResponseSink } from '../../gateway/index.js';
import { SseParser } from '../../protocols/index.js';
import type { AnswerRedactor } from './answer-redactor.js';
import { answerTexts } from './answer-texts.js';
import { writeSlot } from './request-texts.js';
import { StreamRedactor } from './stream-redactor.js';

export interface RedactingSinkOptions {
  surface: Surface;
  redactor: AnswerRedactor;
}

export class RedactingSink implements ResponseSink {
  private readonly parser = new SseParser();
  private readonly stream: StreamRedactor;

  constructor(
    private readonly target: ResponseSink,
    private readonly options: RedactingSinkOptions,
  ) {
    this.stream = new StreamRedactor({ surface: options.surface, redactor: options.redactor });
  }

  get signal(): AbortSignal {
    return this.target.signal;
  }

  get started(): boolean {
    return this.target.started;
  }

  send(status: number, body: Buffer | string, headers?: Readonly<Record<string, string>>): void {
    this.target.send(status, status < 400 ? this.redactBody(body) : body, headers);
  }

  startStream(status: number, headers?: Readonly<Record<string, string>>): void {
    this.target.startStream(status, headers);
  }

  write(text: string): boolean {
    let out = '';
    for (const event of this.parser.push(text)) out += this.stream.push(event);
    return out.length === 0 ? true : this.target.write(out);
  }

  drain(): Promise<void> {
    return this.target.drain();
  }

  end(): void {
    this.flush();
    this.target.end();
  }

  fail(error: PodiumError): void {
    // Text already received goes out (redacted) before the error event, as it would have unredacted.
    if (this.target.started) this.flush();
    this.target.fail(error);
  }

  private flush(): void {
    let out = '';
    for (const event of this.parser.flush()) out += this.stream.push(event);
    out += this.stream.release();
    if (out.length > 0) this.target.write(out);
  }

  private redactBody(body: Buffer | string): Buffer | string {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return body;
    }
    let changed = false;
    for (const slot of answerTexts(this.options.surface, json)) {
      const redacted = this.options.redactor.redact(slot.text, true);
      if (redacted === slot.text) continue;
      writeSlot(slot, redacted);
      changed = true;
    }
    return changed ? JSON.stringify(json) : body;
  }
}
