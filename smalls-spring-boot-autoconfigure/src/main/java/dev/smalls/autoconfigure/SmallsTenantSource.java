package dev.smalls.autoconfigure;

import java.util.List;

import dev.smalls.SmallsTenant;

/**
 * Where a multi-tenant application's tenants come from, for tenants that come and go: a bean
 * of this type replaces {@code smalls.tenants.schemas}. Asked at start-up and at every
 * operation on all tenants (the endpoint, the shell).
 */
@FunctionalInterface
public interface SmallsTenantSource {

	/**
	 * The tenants now.
	 * @return the tenants, each with a unique id
	 */
	List<SmallsTenant> tenants();

}
