package dev.parley.base;

import java.util.Locale;

/** Numbers of bytes for people, the same everywhere: file sizes, quotas, free space on the disk. */
public final class ByteSizes {

    private ByteSizes() {}

    /**
     * A number of bytes for people, in units of 1,024: whole kilobytes, and megabytes and gigabytes with one decimal
     * unless it is zero ("12 KB", "3.4 MB", "10 MB").
     */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        String[] units = {"MB", "GB", "TB"};
        double value = bytes / (1024.0 * 1024);
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.1f", value);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + " " + units[unit];
    }
}
