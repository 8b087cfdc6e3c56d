package io.lockscope.model.detail;

/**
 * RegOpenKey / RegCreateKey.
 *
 * @param desiredAccess registry ACCESS_MASK requested
 * @param grantedAccess granted mask when procmon shows "Granted Access", else -1
 * @param disposition   REG_CREATED_NEW_KEY 1 / REG_OPENED_EXISTING_KEY 2, -1 when absent
 */
public record RegKeyDetail(int desiredAccess, int grantedAccess, int disposition) implements Detail {
}
