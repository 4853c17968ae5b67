import { useQueryClient } from '@tanstack/react-query';
import { useRpcEvent } from '../../../rpc/hooks';

/** Any script change (here or in another window) refreshes the list and that script. */
export function useScriptsLive(): void {
  const client = useQueryClient();
  useRpcEvent('scripts.changed', () => {
    void client.invalidateQueries({ queryKey: ['scripts.list'] });
  });
}
