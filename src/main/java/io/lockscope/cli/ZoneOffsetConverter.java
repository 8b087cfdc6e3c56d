package io.lockscope.cli;

import picocli.CommandLine;

import java.time.DateTimeException;
import java.time.ZoneOffset;

/** {@code --tz}: an offset from UTC such as {@code +08:00}, {@code -05:00}, {@code 0} or {@code Z}. */
final class ZoneOffsetConverter implements CommandLine.ITypeConverter<ZoneOffset> {
    @Override
    public ZoneOffset convert(String value) {
        try {
            return ZoneOffset.of(value.equals("0") || value.equalsIgnoreCase("Z") ? "Z" : value);
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException("--tz wants an offset like +08:00 or -05:00, not '" + value + "'");
        }
    }
}
