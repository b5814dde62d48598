/**
 * Text as the search index receives it: the same segmentation the search page applies to queries
 * (assets/js/search-segment.js, one file for both sides).
 */
import { queryPhrases, segmentText, unsegmentText, WORD_BREAK } from "../../assets/js/search-segment.js";

export { queryPhrases, WORD_BREAK };
export const segmentForIndex = (text: string): string => segmentText(text);
export const unsegment = (text: string): string => unsegmentText(text);
