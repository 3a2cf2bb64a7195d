/**
 * Friendly names for visitors who have not said theirs ("Amber Otter" reads better in an inbox than
 * "Visitor #28983"). Randomness is passed in so tests can pin it.
 */
const ADJECTIVES = [
  'Amber', 'Azure', 'Brave', 'Bright', 'Calm', 'Clever', 'Coral', 'Cosy', 'Gentle', 'Golden', 'Happy', 'Jolly',
  'Kind', 'Lively', 'Lucky', 'Mellow', 'Merry', 'Misty', 'Noble', 'Olive', 'Quiet', 'Rosy', 'Rusty', 'Silver',
  'Sunny', 'Swift', 'Teal', 'Tidy', 'Witty', 'Zesty',
] as const;
const ANIMALS = [
  'Badger', 'Beaver', 'Bison', 'Crane', 'Deer', 'Dolphin', 'Falcon', 'Finch', 'Fox', 'Hare', 'Hedgehog', 'Heron',
  'Ibex', 'Koala', 'Lark', 'Lynx', 'Marten', 'Otter', 'Owl', 'Panda', 'Puffin', 'Raven', 'Robin', 'Seal',
  'Squirrel', 'Stork', 'Swan', 'Turtle', 'Wolf', 'Wren',
] as const;

/** @param random a function returning a number in [0, 1), like Math.random */
export function createVisitorName(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length) % list.length]!;
  return `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
}
