// How a retrieved entry reads in prompts, notes and listings.

import type { KnowledgeItem } from './types.ts';

/** One entry as a prompt shows it: `[k12] When picking up … (applies to white_bottle)`. */
export function knowledgeLine(item: Pick<KnowledgeItem, 'id' | 'text' | 'objects' | 'kind'>): string {
  const to = item.objects.length > 0 ? ` (applies to ${item.objects.slice(0, 4).join(', ')}${item.objects.length > 4 ? ', …' : ''})` : '';
  return `[k${item.id}] ${item.text}${to}`;
}
