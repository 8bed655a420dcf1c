/** The open-data export, {@code reunify export --hxl}: the HXL-tagged CSV and the metadata that describes it. */
package org.reunify.dashboard.export;
