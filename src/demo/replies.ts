/** Official replies of the responsible unit to letters on the leaders' message board (background letters). */
import { unitById } from './county.ts';
import { setDateSlots } from './compose.ts';
import { Scene } from './expand.ts';
import { SLOTS } from './lexicon.ts';
import type { Rng } from './prng.ts';

const OPENINGS = ['{网友|您好|尊敬的网友}：您{反映|留言反映}的“{title}”{问题|一事}已收悉，{感谢|非常感谢}您对{我县|临澜}{工作|发展}的{关心|关注和支持}。'];
const FINDINGS = [
  '{接到留言后|收到转办件后}，{我局|我单位}{立即|第一时间}{安排|组织}{工作人员|执法人员}{到|赴}{town}{village}{现场核实|实地查看}。',
  '经{核实|调查}，您反映的情况{基本属实|属实|部分属实}。',
  '经{现场|实地}{核查|调查}，{该问题|此事}{涉及|属于}{多个部门|历史遗留问题}，{我局|我们}已{会同|联合}{town}{和相关部门|}{进行|开展}{协调|研究}。',
];
const ACTIONS = [
  '{目前|现已}{已|}{完成|安排}{维修|整改|处理}，{并|}{建立|落实}{长效管理机制|日常巡查制度}。',
  '{我局|我们}已{责令|督促}{相关单位|责任方}{限期|在{n}个工作日内}{整改|处理到位}，{将|并将}{跟踪|持续}{督办|关注}。',
  '{该事项|此事}已{列入|纳入}{年度计划|下一步工作计划}，{预计|计划}于{nextMonth}{底|前}{完成|实施}。',
];
const CLOSINGS = ['如{有疑问|还有问题}，可拨打{12345|我局电话}{咨询|联系}。{unitName}', '再次感谢您的{监督|关心}。{unitName}', '{欢迎|请}继续{监督|关注}。{unitName}'];

export function composeLetterReply(rng: Rng, at: Date, letterTitle: string, unitId: string, town: string, village: string): { title: string; text: string } {
  const scene = new Scene(rng, SLOTS);
  setDateSlots(scene, at);
  scene.set('title', letterTitle).set('town', town).set('village', village).set('unitName', unitById(unitId).name);
  const text = [scene.pick(OPENINGS), scene.pick(FINDINGS) + scene.pick(ACTIONS), scene.pick(CLOSINGS)].join('\n');
  return { title: `答复：${letterTitle}`, text };
}
