import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type Card,
  invalidatePipeline,
  type OpportunityUpdate,
  pipelineKeys,
  updateOpportunity,
} from './api.ts';

/**
 * Saves part of an opportunity with the version it was read at (a stale version is a 409
 * that changes nothing); on success the page shows the saved record at once.
 */
export function useSaveOpportunity(card: Card) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Omit<OpportunityUpdate, 'version'>) =>
      updateOpportunity(card.id, { version: card.version, ...changes }),
    onSuccess: (saved) => {
      client.setQueryData<Card>(pipelineKeys.card(card.id), (old) => (old ? { ...old, ...saved } : old));
      void invalidatePipeline(client);
    },
  });
}
