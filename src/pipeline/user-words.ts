/**
 * Loads the office's user dictionary (setting `analysis.userWords`) into the segmenter. Called whenever the
 * analyser is built, so a changed dictionary reaches the live pipeline with its rebuild; a removed or changed word
 * makes the segmenter rebuild itself without it (see replaceUserWords).
 */
import { replaceUserWords } from '../analysis/segment.ts';
import { USER_WORDS_SETTING, UserWords, type UserWord } from '../contracts/dictionary.ts';
import type { Store } from '../store/store.ts';

/** The stored user words (an unreadable value counts as none: the analyser must still start). */
export async function readUserWords(store: Store): Promise<UserWord[]> {
  const raw = await store.repos.settings.get<unknown>(USER_WORDS_SETTING);
  const parsed = UserWords.safeParse(raw ?? []);
  return parsed.success ? parsed.data : [];
}

/** Sets the segmenter's office dictionary to the stored user words; returns how many words it has. */
export async function loadUserWords(store: Store): Promise<number> {
  const words = await readUserWords(store);
  replaceUserWords('analysis.userWords', words);
  return words.length;
}
