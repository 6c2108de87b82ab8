/**
 * Which track partition a post goes to. With one office, the partition is a hash of what the post is about:
 * its first matched monitoring plan (by name), else its first place, else nothing (partition 0). Copies of a
 * post match the same plans and places, so near-duplicates and the events of one plan meet in one partition;
 * posts of different plans may be tracked in different partitions (their events are then never merged).
 */
export function partitionKey(plans: readonly { plan: string }[], places: readonly string[]): string {
  const plan = plans.map((p) => p.plan).sort()[0];
  if (plan) return `plan:${plan}`;
  return places[0] ? `place:${places[0]}` : '';
}

/** FNV-1a over the key's UTF-16 code units, modulo the partition count. */
export function partitionOf(key: string, partitions: number): number {
  if (partitions <= 1 || key === '') return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % partitions;
}
