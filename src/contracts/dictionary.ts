/** The office's user dictionary (自定义词典): words the segmenter must keep whole, e.g. local estate or road names. */
import { z } from 'zod';

export const USER_WORDS_SETTING = 'analysis.userWords';

export const UserWord = z.object({
  /** One word, no spaces. */
  word: z.string().trim().min(1).max(40).regex(/^\S+$/u, 'a word has no spaces'),
  /** jieba frequency: higher wins over the built-in dictionary (default 100000). */
  freq: z.number().int().min(1).max(1_000_000_000).optional(),
  /** Part-of-speech tag, e.g. n, ns (place), nt (organisation), nz (other proper noun). Default nz. */
  tag: z
    .string()
    .regex(/^[A-Za-z]{1,8}$/, 'a tag is 1–8 Latin letters, e.g. ns, nt, nz')
    .optional(),
});
export type UserWord = z.infer<typeof UserWord>;

export const UserWords = z
  .array(UserWord)
  .max(20_000)
  .superRefine((words, ctx) => {
    const seen = new Set<string>();
    words.forEach((w, i) => {
      if (seen.has(w.word)) ctx.addIssue({ code: 'custom', path: [i, 'word'], message: `${w.word} is listed twice` });
      seen.add(w.word);
    });
  });
