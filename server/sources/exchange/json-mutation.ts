/**
 * Test support for fuzzing exchange parsers: one structural mutation of a JSON message (replace,
 * delete, a number-like text, wrap, null, duplicate) at a random place, as a fast-check arbitrary.
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface JsonMutation {
  /** Which value (in document order, the root first) is mutated, modulo their count. */
  pick: number;
  op: 'replace' | 'delete' | 'text' | 'wrap' | 'null' | 'duplicate';
  replacement: Json;
  /** What the `text` op writes: a decimal-like text (valid or not). */
  text: string;
}

/** Mutations whose `text` op writes values drawn from `text`. */
export function jsonMutation(text: fc.Arbitrary<string>): fc.Arbitrary<JsonMutation> {
  return fc.record({
    pick: fc.nat(),
    op: fc.constantFrom('replace', 'delete', 'text', 'wrap', 'null', 'duplicate'),
    replacement: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
    text,
  });
}

/** Paths to every value inside `value` (the root is []). */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  }
  return out;
}

/**
 * Applies one mutation to a deep copy of `value`. `asText` turns the `text` op's text into the
 * written value (Kraken's exact-number tests write a marked raw number instead of a string).
 */
export function mutateJson(
  value: Json,
  m: JsonMutation,
  asText: (text: string) => Json = (text) => text,
): Json {
  const root = structuredClone(value);
  const all = paths(root);
  const path = all[m.pick % all.length]!;
  const replace = (old: Json): Json | undefined => {
    if (m.op === 'replace') return m.replacement;
    if (m.op === 'delete') return undefined;
    if (m.op === 'text') return asText(m.text);
    if (m.op === 'wrap') return [old];
    if (m.op === 'null') return null;
    return Array.isArray(old) ? [...old, ...old] : old;
  };
  if (path.length === 0) return replace(root) ?? null;
  let parent: Json = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key]!;
  const key = path.at(-1)!;
  const next = replace((parent as Record<string | number, Json>)[key]!);
  if (Array.isArray(parent) && typeof key === 'number') {
    if (next === undefined) parent.splice(key, 1);
    else parent[key] = next;
  } else if (next === undefined) delete (parent as Record<string, Json>)[key];
  else (parent as Record<string, Json>)[key] = next;
  return root;
}
