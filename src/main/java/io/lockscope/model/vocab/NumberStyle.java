package io.lockscope.model.vocab;

/**
 * How a procmon export writes numbers in Detail and times: en-US "16,384" and "1:18:10.8939738 AM";
 * European "16.384" and "15:42:22,8459553"; ru-RU "8 192" (NBSP) and "19:04:47,3955378".
 *
 * @param thousands the grouping separator in Detail numbers
 * @param decimal   the decimal separator of Time of Day fractions and Duration
 */
public record NumberStyle(char thousands, char decimal) {
    public static final NumberStyle EN_US = new NumberStyle(',', '.');
    public static final NumberStyle EUROPEAN = new NumberStyle('.', ',');
    public static final NumberStyle NBSP = new NumberStyle('\u00A0', ',');
}
