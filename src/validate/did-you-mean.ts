/** " (did you mean "title"?)" for the closest known name, or "" when nothing is close. */
export function didYouMean(found: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(found.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // Allow about one edit in three characters: one for short words, two from four characters on.
  const limit = found.length >= 4 ? Math.max(2, Math.floor(found.length / 3)) : 1;
  return best !== undefined && bestDistance <= limit ? ` (did you mean "${best}"?)` : "";
}

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
