// A tenant id that a tenant scope's resolver does not know.
import { describeValue } from '../describe-value';
import { CassiaError, type CassiaErrorOptions } from './cassia-error';

/** A tenant scope's resolver returned nothing for a tenant id; nothing was run for it. */
export class UnknownTenantError extends CassiaError {
  readonly code = 'ERR_CASSIA_UNKNOWN_TENANT';
  /** The tenant id that was asked for. */
  readonly tenant: string;

  constructor(tenant: string, options?: CassiaErrorOptions) {
    super(
      `No tenant ${describeValue(tenant)} is known: the tenant scope's resolver returned nothing for it. ` +
        `Provision the tenant (provisionTenant) and make the resolver return its { connection, keyspace }.`,
      options,
    );
    this.tenant = tenant;
  }
}
