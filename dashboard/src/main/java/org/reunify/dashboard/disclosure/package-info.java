/**
 * Small-count disclosure control of every public output: which counts a table must hide so that no child can be
 * singled out ({@link org.reunify.dashboard.disclosure.SuppressedTable}), how a hidden count reads, and the reader who
 * checks it ({@link org.reunify.dashboard.disclosure.TableInference}). Pure: tables in, published tables out.
 */
package org.reunify.dashboard.disclosure;
