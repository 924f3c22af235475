import { describe, expect, it } from 'vitest';
import { detectProviders } from './detect-providers.js';

const ollamaOrigin = (OLLAMA_HOST: string) =>
  detectProviders({ OLLAMA_HOST }).local.find((candidate) => candidate.name === 'ollama')?.origin;

describe('detectProviders', () => {
  it('finds nothing keyed in an empty environment, and still lists the local servers to probe', () => {
    expect(detectProviders({})).toEqual({
      keyed: [],
      local: [
        { name: 'ollama', label: 'Ollama', origin: 'http://127.0.0.1:11434', listsTags: true },
        { name: 'vllm', label: 'vLLM', origin: 'http://127.0.0.1:8000', listsTags: false },
        { name: 'lmstudio', label: 'LM Studio', origin: 'http://127.0.0.1:1234', listsTags: false },
      ],
      notes: [],
      problems: [],
    });
  });

  it('references keys and base URLs by variable name, as the vendors’ SDKs read them; blank counts as unset', () => {
    const detection = detectProviders({
      OPENAI_API_KEY: 'sk-1',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      ANTHROPIC_API_KEY: ' ',
      GOOGLE_API_KEY: 'g-1',
    });

    expect(detection.keyed).toEqual([
      { name: 'openai', type: 'openai', apiKeyVar: 'OPENAI_API_KEY', baseUrlVar: 'OPENAI_BASE_URL' },
      { name: 'gemini', type: 'gemini', apiKeyVar: 'GOOGLE_API_KEY', baseUrlVar: undefined },
    ]);
    expect(JSON.stringify(detection)).not.toContain('sk-1');
  });

  it('prefers GEMINI_API_KEY over GOOGLE_API_KEY', () => {
    expect(detectProviders({ GEMINI_API_KEY: 'a', GOOGLE_API_KEY: 'b' }).keyed[0]?.apiKeyVar).toBe('GEMINI_API_KEY');
  });

  it('refuses a base URL that is not an http(s) URL, naming the variable', () => {
    expect(detectProviders({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'ftp://example.com' }).problems).toEqual([
      'env ANTHROPIC_BASE_URL: an http(s) URL (the anthropic key would otherwise go to the wrong server)',
    ]);
  });

  it('reads OLLAMA_HOST as Ollama does, and probes loopback only', () => {
    expect(ollamaOrigin('127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(ollamaOrigin('0.0.0.0')).toBe('http://127.0.0.1:11434');
    expect(ollamaOrigin('http://localhost:5000')).toBe('http://localhost:5000');
    expect(ollamaOrigin('[::1]:7000')).toBe('http://[::1]:7000');
    expect(ollamaOrigin('gpu-box.internal:11434')).toBeUndefined();
    expect(detectProviders({ OLLAMA_HOST: '10.0.0.5' }).notes).toEqual([
      'OLLAMA_HOST points at 10.0.0.5, not this machine: not probed (add it to podium.yaml as an openai-compatible provider)',
    ]);
    expect(detectProviders({ OLLAMA_HOST: 'ftp://127.0.0.1' }).notes).toEqual([
      'OLLAMA_HOST is not host:port or an http URL: Ollama not probed',
    ]);
  });
});
