package dev.torsion.http.form;

/**
 * Limits on parsed form bodies.
 *
 * @param maxFields fields of an urlencoded body or parts of a multipart one (1000)
 * @param maxPartHeaderBytes the header section of one multipart part (8 KiB)
 */
public record FormLimits(int maxFields, int maxPartHeaderBytes) {
    /** 1000 fields, 8 KiB of headers per part. */
    public static final FormLimits DEFAULT = new FormLimits(1000, 8 * 1024);
}
