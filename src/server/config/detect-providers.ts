/**
 * What a first start without podium.yaml can serve, as far as the environment says: provider API keys
 * (the variables the vendors' own SDKs read) and the loopback servers worth asking for their models.
 * Pure: nothing here touches the network; discovery/ probes the candidates.
 */
import { z } from 'zod';

/** A vendor whose key is in the environment, referenced by variable name so the secret is never copied. */
export interface KeyedProvider {
  name: 'openai' | 'anthropic' | 'gemini';
  type: 'openai' | 'anthropic' | 'gemini';
  apiKeyVar: string;
  /** The base-URL variable the vendor's SDK honours, when it is set. */
  baseUrlVar: string | undefined;
}

/** A loopback server that may speak the OpenAI API: Ollama, vLLM, LM Studio. */
export interface LocalServerCandidate {
  name: 'ollama' | 'vllm' | 'lmstudio';
  label: string;
  /** Origin only (`http://127.0.0.1:11434`); the OpenAI-compatible API is under `/v1`. */
  origin: string;
  /** Ollama also lists its models at `/api/tags` (releases before its `/v1/models`). */
  listsTags: boolean;
}

export interface ProviderDetection {
  keyed: KeyedProvider[];
  local: LocalServerCandidate[];
  /** Why something in the environment was left out (never a secret). */
  notes: string[];
  /** A variable set to something unusable: a start must fail rather than send a key elsewhere. */
  problems: string[];
}

const keyedVendors = [
  { name: 'openai', keys: ['OPENAI_API_KEY'], baseUrl: 'OPENAI_BASE_URL' },
  { name: 'anthropic', keys: ['ANTHROPIC_API_KEY'], baseUrl: 'ANTHROPIC_BASE_URL' },
  // Google's SDKs read either name; GEMINI_API_KEY wins when both are set, as in google-genai.
  { name: 'gemini', keys: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'], baseUrl: undefined },
] as const;

const httpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' });
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const setValue = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** Reads the provider keys and local-server hints of `env` (the process environment on a real start). */
export function detectProviders(env: NodeJS.ProcessEnv): ProviderDetection {
  const detection: ProviderDetection = { keyed: [], local: [], notes: [], problems: [] };
  for (const vendor of keyedVendors) {
    const apiKeyVar = vendor.keys.find((name) => setValue(env, name) !== undefined);
    if (apiKeyVar === undefined) continue;
    const baseUrlVar =
      vendor.baseUrl !== undefined && setValue(env, vendor.baseUrl) !== undefined ? vendor.baseUrl : undefined;
    if (baseUrlVar !== undefined && !httpUrl.safeParse(setValue(env, baseUrlVar)).success) {
      detection.problems.push(
        `env ${baseUrlVar}: an http(s) URL (the ${vendor.name} key would otherwise go to the wrong server)`,
      );
      continue;
    }
    detection.keyed.push({ name: vendor.name, type: vendor.name, apiKeyVar, baseUrlVar });
  }
  const ollama = ollamaOrigin(setValue(env, 'OLLAMA_HOST'));
  if (ollama.origin === undefined) detection.notes.push(ollama.note);
  else detection.local.push({ name: 'ollama', label: 'Ollama', origin: ollama.origin, listsTags: true });
  detection.local.push({ name: 'vllm', label: 'vLLM', origin: 'http://127.0.0.1:8000', listsTags: false });
  detection.local.push({ name: 'lmstudio', label: 'LM Studio', origin: 'http://127.0.0.1:1234', listsTags: false });
  return detection;
}

/**
 * OLLAMA_HOST as Ollama itself reads it (`host`, `host:port`, `http://host:port`; `0.0.0.0` is the bind-all
 * address, reached as 127.0.0.1), kept only when it is this machine: a first start probes loopback only.
 */
function ollamaOrigin(value: string | undefined): { origin: string; note?: never } | { origin?: never; note: string } {
  if (value === undefined) return { origin: 'http://127.0.0.1:11434' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const parsed = URL.canParse(withScheme) ? new URL(withScheme) : undefined;
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return { note: 'OLLAMA_HOST is not host:port or an http URL: Ollama not probed' };
  }
  const host = parsed.hostname === '0.0.0.0' || parsed.hostname === '' ? '127.0.0.1' : parsed.hostname;
  if (!loopbackHosts.has(host) && !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) {
    return {
      note: `OLLAMA_HOST points at ${host}, not this machine: not probed (add it to podium.yaml as an openai-compatible provider)`,
    };
  }
  return { origin: `${parsed.protocol}//${host}:${parsed.port === '' ? '11434' : parsed.port}` };
}
