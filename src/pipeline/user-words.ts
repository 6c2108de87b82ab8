/**
 * Loads the office's user dictionary (setting `analysis.userWords`) into the segmenter. Called whenever the
 * analyser is built, so a changed dictionary reaches the live pipeline with its rebuild. The segmenter only adds
 * words: a word removed from the setting stays in this process's segmenter until the next start.
 */
import { addUserWords } from '../analysis/segment.ts';
import { USER_WORDS_SETTING, UserWords, type UserWord } from '../contracts/dictionary.ts';
import type { Store } from '../store/store.ts';

/** The stored user words (an unreadable value counts as none: the analyser must still start). */
export async function readUserWords(store: Store): Promise<UserWord[]> {
  const raw = await store.repos.settings.get<unknown>(USER_WORDS_SETTING);
  const parsed = UserWords.safeParse(raw ?? []);
  return parsed.success ? parsed.data : [];
}

/** Adds the stored user words to the segmenter; returns how many were new to it. */
export async function loadUserWords(store: Store): Promise<number> {
  return addUserWords(await readUserWords(store));
}
