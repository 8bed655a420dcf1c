package org.reunify.schemas;

/**
 * Where a case's deciding deportation report says the child was taken (rule 7): a country, occupied Ukraine, or
 * unknown.
 *
 * @param code   ISO 3166-1 alpha-2 code ({@code KP}), {@code OCCUPIED} or {@code UNKNOWN}
 * @param nameEn English name, as the destination tallies carry it
 * @param nameUk Ukrainian name
 */
public record Destination(String code, String nameEn, String nameUk) {}
