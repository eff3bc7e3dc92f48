package dev.parley.files;

/** Identifies an uploaded file; messages refer to their files by this. */
public record FileId(long value) {

    /** The bare number, as it appears in URLs. */
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
