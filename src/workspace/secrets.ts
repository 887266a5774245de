import { createHash, randomBytes } from 'node:crypto';

function uuidFromHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A secret that names its workspace, so it is found by (workspace_id, hash): the lookup
 * stays on one Citus shard. Only the SHA-256 of the secret is ever stored.
 */
export function newSecret(prefix: 'baton' | 'bsess', workspaceId: string): { token: string; hash: string } {
  const token = `${prefix}_${workspaceId.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecret(token) };
}

export function hashSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The workspace a secret belongs to, or null if it is not shaped like one of ours. */
export function workspaceOfSecret(prefix: 'baton' | 'bsess', token: string): string | null {
  // The secret part is base64url and may itself contain underscores.
  const match = /^([a-z]+)_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(token);
  if (!match || match[1] !== prefix) return null;
  return uuidFromHex(match[2]!);
}
