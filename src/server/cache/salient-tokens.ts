/**
 * The guard of the semantic cache. Sentence embeddings place "What is the capital of France?" closer
 * to "What is NOT the capital of France?" (0.93) and "…of Germany?" (0.84) than to some paraphrases
 * (0.90): they capture topic, not the details that change the answer. So a semantic match must also
 * agree on the tokens that carry those details — numbers, ordinals, negations, comparatives and
 * superlatives, quoted strings, and names (capitalised words that are not ordinary sentence starters).
 * The full guard also refuses a swapped content word ("…an ant" for "…a spider", "silver" for "gold"):
 * when each text has a content word the other lacks. That costs paraphrases that reword with synonyms
 * ("wrote" / "author"), a price worth paying, since a false hit serves a wrong answer while a miss only
 * costs a call. bench/cache measures each layer: false hits on near-misses and paraphrase hits.
 */

/** What a text says that a paraphrase must keep. */
export interface SalientTokens {
  /** Ordinals, negations, comparatives and quoted strings as a multiset, then numbers in order: must be equal. */
  exact: string;
  /** Names, lowercased and plural-stripped: each must appear (in any case) among the other text's words. */
  entities: ReadonlySet<string>;
  /** Every word, lowercased, possessive and plural dropped. */
  words: ReadonlySet<string>;
  /** Words that carry the topic: not function words, request verbs, numbers or comparison words. */
  content: ReadonlySet<string>;
}

/**
 * `salient`: numbers, ordinals, negations, comparatives, quotes and names must agree. `full`: and no
 * content word may be swapped for another. `off` exists for the bench, to measure the embedding alone.
 */
export type GuardLevel = 'off' | 'salient' | 'full';

const numberWords: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  dozen: 12,
};

const ordinalWords: Record<string, string> = {
  first: '1',
  second: '2',
  third: '3',
  fourth: '4',
  fifth: '5',
  sixth: '6',
  seventh: '7',
  eighth: '8',
  ninth: '9',
  tenth: '10',
  last: 'last',
  final: 'last',
  next: 'next',
  previous: 'previous',
};

const negations = new Set([
  'not',
  'no',
  'never',
  'none',
  'nobody',
  'nothing',
  'nowhere',
  'neither',
  'nor',
  'without',
  'cannot',
  'except',
  'excluding',
]);

/** Words whose opposite flips the answer, grouped with their synonyms (largest = biggest). */
const contrastGroups: Record<string, string> = {};
for (const [group, members] of Object.entries({
  'big+': 'largest biggest greatest',
  'big>': 'larger bigger greater',
  'small+': 'smallest tiniest',
  'small>': 'smaller',
  'high+': 'highest tallest',
  'high>': 'higher taller',
  'low+': 'lowest',
  'low>': 'lower',
  'long+': 'longest',
  'long>': 'longer',
  'short+': 'shortest',
  'short>': 'shorter',
  'old+': 'oldest',
  'old>': 'older',
  'young+': 'youngest newest',
  'young>': 'younger newer',
  'early+': 'earliest',
  'late+': 'latest',
  'good+': 'best',
  'good>': 'better',
  'bad+': 'worst',
  'bad>': 'worse',
  'hot+': 'hottest warmest',
  'hot>': 'hotter warmer',
  'cold+': 'coldest coolest',
  'cold>': 'colder cooler',
  'fast+': 'fastest quickest',
  'fast>': 'faster quicker',
  'slow+': 'slowest',
  'slow>': 'slower',
  'heavy+': 'heaviest',
  'heavy>': 'heavier',
  'light+': 'lightest',
  'light>': 'lighter',
  'deep+': 'deepest',
  'deep>': 'deeper',
  'cheap+': 'cheapest',
  'cheap>': 'cheaper',
  'rich+': 'richest',
  'poor+': 'poorest',
  more: 'more most',
  less: 'less least fewer fewest',
  good: 'good',
  bad: 'bad',
  max: 'maximum max',
  min: 'minimum min',
  before: 'before',
  after: 'after',
  above: 'above',
  below: 'below beneath',
  up: 'increase increases increased rise rises',
  down: 'decrease decreases decreased fall falls',
  pro: 'advantages advantage benefits pros',
  con: 'disadvantages disadvantage drawbacks cons',
  north: 'north northern',
  south: 'south southern',
  east: 'east eastern',
  west: 'west western',
})) {
  for (const member of members.split(' ')) contrastGroups[member] = group;
}

/** Capitalised words that start sentences and questions without naming anything. */
const ordinaryWords = new Set(
  (
    'what which who whom whose how why when where is are was were be been do does did can could would should will shall ' +
    'may might must have has had the a an i in on at of for to from by with and or but if so then than please tell give ' +
    'explain describe list name write show find compute calculate define summarize summarise translate compare provide ' +
    'help me my you your we our us it its this that these those there here hi hello hey thanks thank ok okay yes ' +
    'briefly quickly simply roughly approximately exactly just also now as about any some all each every let lets ' +
    'q answer question according into during considering given assuming suppose imagine say ' +
    'quick short simple brief true false convert solve estimate determine identify recommend suggest generate create ' +
    'rewrite rephrase fix check classify count sort simplify evaluate prove derive draft plan outline analyze analyse ' +
    'discuss state spell pick choose make use'
  ).split(' '),
);

/**
 * Words that never carry the topic: grammar, question words, politeness and generic request verbs.
 * Operation verbs (count, sort, convert, translate…) are topic words: "count rows" is not "delete rows".
 */
const functionWords = new Set(
  (
    'what which who whom whose how why when where is are was were be been being am do does did done doing can could would ' +
    'should will shall may might must have has had having the a an i in on at of for to from by with about into onto over ' +
    'under and or but if so then than as me my mine you your yours we our us it its this that these those there here ' +
    'please tell give explain describe list name show help let lets say thanks thank hi hello hey ok okay yes just also ' +
    'really very actually basically simply briefly quickly now any some all each every thing things something anything ' +
    'someone get got need want know way like mean means meaning much many'
  ).split(' '),
);

const wordPattern = /\d+(?:st|nd|rd|th)\b|\d[\d,]*(?:\.\d+)?|[\p{L}\p{M}][\p{L}\p{M}\p{N}'’]*/gu;
const quotedPattern = /"([^"\n]+)"|“([^”\n]+)”|`([^`\n]+)`|(?<![\p{L}\p{N}])'([^'\n]+)'(?![\p{L}\p{N}])/gu;

const dropPossessive = (word: string): string => word.replace(/['’]s$/u, '');
/**
 * A crude suffix strip, applied to both sides alike: "Spiders …" names the same thing as "… a spider",
 * "safely" as "safe". It only has to map a word and its variants to one string, not to a real stem.
 */
const stem = (lower: string): string =>
  lower.length > 4 ? lower.replace(/(?:ly|ing|ed|es|s)$/u, '') : lower.length > 3 ? lower.replace(/s$/u, '') : lower;

function exactToken(word: string, lower: string): string | undefined {
  if (/^\d+(?:st|nd|rd|th)$/.test(lower)) return `o:${lower.slice(0, -2)}`;
  if (/^\d/.test(word)) return `n:${Number(word.replaceAll(',', ''))}`;
  const number = numberWords[lower];
  if (number !== undefined) return `n:${number}`;
  const ordinal = ordinalWords[lower];
  if (ordinal !== undefined) return `o:${ordinal}`;
  if (negations.has(lower) || /n['’]t$/u.test(lower)) return 'neg';
  const contrast = contrastGroups[lower];
  return contrast === undefined ? undefined : `c:${contrast}`;
}

/** Reads the salient tokens of a text (a whole conversation's wording). */
export function salientTokens(text: string): SalientTokens {
  const exact: string[] = [];
  for (const match of text.matchAll(quotedPattern)) {
    const quoted = match[1] ?? match[2] ?? match[3] ?? match[4] ?? '';
    exact.push(`q:${quoted.trim().toLowerCase()}`);
  }
  const numbers: string[] = [];
  const entities = new Set<string>();
  const words = new Set<string>();
  const content = new Set<string>();
  for (const [raw] of text.matchAll(wordPattern)) {
    const word = dropPossessive(raw.replace(/['’]+$/u, ''));
    const lower = word.toLowerCase();
    const stemmed = stem(lower);
    words.add(stemmed);
    const token = exactToken(word, lower);
    if (token?.startsWith('n:')) numbers.push(token);
    else if (token !== undefined) exact.push(token);
    else {
      if (word !== lower && !ordinaryWords.has(lower)) entities.add(stemmed);
      if (!functionWords.has(lower) && !functionWords.has(stemmed)) content.add(stemmed);
    }
  }
  // Numbers keep their order: "15% of 80" and "80% of 15" are different questions.
  return { exact: `${exact.sort().join('\u0000')}|${numbers.join('\u0000')}`, entities, words, content };
}

const everyIn = (entities: ReadonlySet<string>, words: ReadonlySet<string>): boolean => {
  for (const entity of entities) if (!words.has(entity)) return false;
  return true;
};

/** True when each text has a content word the other lacks: one topic word was swapped for another. */
function swapsContent(a: SalientTokens, b: SalientTokens): boolean {
  return !everyIn(a.content, b.content) && !everyIn(b.content, a.content);
}

/** True when a semantic match between the two texts may be served (default: the full guard). */
export function sameSalientTokens(a: SalientTokens, b: SalientTokens, level: GuardLevel = 'full'): boolean {
  if (level === 'off') return true;
  const salient = a.exact === b.exact && everyIn(a.entities, b.words) && everyIn(b.entities, a.words);
  return salient && (level === 'salient' || !swapsContent(a, b));
}
