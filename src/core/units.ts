/** Byte units. Memory is shown in GiB (2^30) with GB (10^9) where a datasheet number is compared (DESIGN.md "Units"). */
export const BYTES_PER_KIB = 1024;
export const BYTES_PER_MIB = 1024 ** 2;
export const BYTES_PER_GIB = 1024 ** 3;
export const BYTES_PER_GB = 1e9;
export const SECONDS_PER_HOUR = 3600;
