/**
 * Units as base-unit multiples (DESIGN.md "Units": memory in GiB, 2^30, with GB, 10^9, where a datasheet number is
 * compared). The one definition every layer uses.
 */
export const BYTES_PER_KIB = 1024;
export const BYTES_PER_MIB = 1024 ** 2;
/** 2^30 bytes. */
export const BYTES_PER_GIB = 1024 ** 3;
export const BYTES_PER_TIB = 1024 ** 4;
export const BYTES_PER_KB = 1e3;
export const BYTES_PER_MB = 1e6;
/** 10^9 bytes: the unit of datasheets. */
export const BYTES_PER_GB = 1e9;
export const BYTES_PER_TB = 1e12;

export const SECONDS_PER_MINUTE = 60;
export const SECONDS_PER_HOUR = 3600;
export const HOURS_PER_DAY = 24;
export const SECONDS_PER_DAY = 86_400;
