import type { Kysely } from 'kysely';
import { isHiddenConfiguration, type ConfigurationValues } from '../../contract/index.js';
import type { Database, InstanceRow } from '../store/store.js';
import type { Sealer } from './crypto.js';
import type { AuthenticationDefinition, ElementDefinition } from './definitions.js';

/**
 * An instance's credentials: every value the user gave (passwords included; OAuth tokens next),
 * stored as one AES-256-GCM envelope bound to the instance id, and merged with the host's secrets
 * only when the vendor is called. Instances use it today; OAuth token refresh and the host's
 * passthrough will read and save through it too.
 */
export interface Credentials {
  /** The values stored on an instance row, decrypted. */
  open(row: Pick<InstanceRow, 'id' | 'credentials'>): ConfigurationValues;
  /** The envelope for instance `instanceId`'s row; bound to that id, so it cannot be moved to another row. */
  seal(instanceId: string, values: ConfigurationValues): string;
  /**
   * Re-encrypts and saves a tenant's instance's values, with `alongside` (other columns) in the
   * same write; false when there is no such instance (deleted meanwhile, or another tenant's).
   */
  save(tenantId: string, instanceId: string, values: ConfigurationValues, alongside?: Partial<InstanceRow>): Promise<boolean>;
  /** What a vendor call uses: the hidden settings' defaults, the user's values, then the host's secrets (a user value never replaces one). */
  withHostValues(def: ElementDefinition, auth: AuthenticationDefinition, values: ConfigurationValues): ConfigurationValues;
  /** A stored instance's values for a vendor call (passthrough, checks): the one read that OAuth refresh slots into. */
  forCall(row: InstanceRow, def: ElementDefinition, auth: AuthenticationDefinition): Promise<ConfigurationValues>;
}

export function createCredentials(deps: {
  db: Kysely<Database>;
  sealer: Sealer;
  /** Host secrets per element key: companyConfig values, never stored. */
  secrets: Record<string, Record<string, string>>;
}): Credentials {
  const { db, sealer, secrets } = deps;
  const seal = (instanceId: string, values: ConfigurationValues) => sealer.encrypt(JSON.stringify(values), instanceId);
  const withHostValues = (def: ElementDefinition, auth: AuthenticationDefinition, values: ConfigurationValues) => {
    const merged: ConfigurationValues = {};
    for (const c of auth.configuration) {
      if (isHiddenConfiguration(c) && c.defaultValue !== undefined && c.defaultValue !== null) merged[c.key] = c.defaultValue;
    }
    return { ...merged, ...values, ...secrets[def.key] };
  };

  return {
    open: (row) => JSON.parse(sealer.decrypt(row.credentials, row.id)) as ConfigurationValues,

    seal,

    async save(tenantId, instanceId, values, alongside = {}) {
      const done = await db
        .updateTable('instances')
        .set({ ...alongside, credentials: seal(instanceId, values) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', instanceId)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) > 0;
    },

    withHostValues,

    async forCall(row, def, auth) {
      return withHostValues(def, auth, JSON.parse(sealer.decrypt(row.credentials, row.id)) as ConfigurationValues);
    },
  };
}
