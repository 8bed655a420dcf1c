package org.reunify.schemas;

/**
 * One of Ukraine's 27 first-level units, or the national total {@code UA}.
 *
 * @param code   ISO 3166-2:UA code ({@code UA-14}), or {@code UA} for the whole country
 * @param pcode  OCHA P-code ({@code UA14}); for the national total, {@code UA}
 * @param nameEn English name, as the tallies carry it
 * @param nameUk Ukrainian name
 */
public record Region(String code, String pcode, String nameEn, String nameUk) {}
