/**
 * The demo storylines and their composers: public posts written from the phase the storyline is in, and the
 * official replies and releases that belong to it.
 */
import { closer, forumEmoticons, letterText, newScene, OPENERS, paragraphs, sentence, ticketText, type Channel, type Draft } from './compose.ts';
import { emoticons, hashtag } from './lexicon.ts';
import type { Rng } from './prng.ts';
import { CANTEEN } from './storyline-canteen.ts';
import { FLOOD } from './storyline-flood.ts';
import { RUMOUR } from './storyline-rumour.ts';
import { SCENIC } from './storyline-scenic.ts';
import { phaseAt, type OfficialSpec, type StorylineSpec } from './storyline-types.ts';
import type { StorylineId, Tone } from './types.ts';

export const STORYLINES: Readonly<Record<StorylineId, StorylineSpec>> = { flood: FLOOD, canteen: CANTEEN, rumour: RUMOUR, scenic: SCENIC };
export const STORYLINE_IDS = Object.keys(STORYLINES) as StorylineId[];

function sceneFor(rng: Rng, spec: StorylineSpec, at?: Date) {
  const scene = newScene(rng, spec.townId, at);
  for (const [k, v] of Object.entries(spec.fixed)) scene.set(k, v);
  return scene;
}

const GENERIC_IMPACTS = ['{这件事|此事}{在|让}{周边|附近}{群众|居民}{中|}{反响很大|议论纷纷|人心惶惶}', '{网上|群里}{已经|}{传得沸沸扬扬|议论很多}，{大家|群众}{都很关心|都在等一个说法}'];

/** A public post of the storyline at `hour` hours after it began. */
export function composeStorylinePost(rng: Rng, spec: StorylineSpec, hour: number, channel: Channel, at?: Date): Draft {
  const phase = phaseAt(spec, hour);
  let tone: Tone = rng.weighted(phase.tones);
  if (phase.lines[tone].length === 0 || phase.titles[tone].length === 0) tone = 'neutral';
  if (channel === 'mailbox' || (channel === 'hotline' && tone === 'neutral')) tone = 'negative';
  const scene = sceneFor(rng, spec, at);
  const lines = phase.lines[tone];
  const title = scene.pick(phase.titles[tone]);
  const base = { kind: 'complaint' as Draft['kind'], tone, unitId: spec.unitId, category: spec.category, townId: spec.townId, villageId: scene.get('villageId'), title };
  if (tone !== 'negative') base.kind = tone === 'positive' ? 'praise' : 'chatter';
  switch (channel) {
    case 'weibo': {
      const tags = rng.chance(0.7) ? rng.sample(phase.hashtags, rng.int(1, 2)).map((h) => hashtag(rng, h)).join('') : '';
      const body = scene.some(lines, 1, 2, '，');
      const at = rng.chance(0.2) ? ' @临澜发布' : '';
      return { ...base, text: `${tags}${sentence(body)}${rng.chance(0.5) ? closer(scene, tone) : ''}${emoticons(rng, tone)}${at}` };
    }
    case 'hotline':
      if (tone === 'positive') return { ...base, kind: 'ticket', callType: '表扬', category: '表扬', text: ticketText(scene, sentence(scene.pick(lines)), '来电人对相关单位表示感谢。') };
      return { ...base, kind: 'ticket', callType: '投诉', text: ticketText(scene, sentence(scene.pick(lines)), scene.pick(spec.asks)) };
    case 'mailbox': {
      const problem = sentence(scene.pick(lines));
      return { ...base, kind: 'letter', text: letterText(scene, { details: lines, impacts: GENERIC_IMPACTS, asks: spec.asks }, problem, spec.unitId) };
    }
    case 'bbs':
    case 'news': {
      const parts = [scene.pick(OPENERS) + scene.pick(lines), scene.some(lines, 1, 2), rng.chance(0.5) ? scene.pick(spec.asks) : '', closer(scene, tone)];
      return { ...base, text: paragraphs(rng, parts) + forumEmoticons(rng, tone) };
    }
  }
}

/** The text of an official reply or release. */
export function composeOfficial(rng: Rng, spec: StorylineSpec, o: OfficialSpec, at?: Date): Draft {
  const scene = sceneFor(rng, spec, at);
  const text = o.paragraphs.map((p) => scene.fill(p)).join('\n');
  return { kind: 'official', tone: 'neutral', unitId: o.unitId, title: scene.fill(o.title), text, townId: spec.townId };
}
