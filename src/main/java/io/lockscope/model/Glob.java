package io.lockscope.model;

import java.util.regex.Pattern;

/**
 * A case-insensitive glob over Windows paths and registry keys: {@code *} any run of characters
 * (backslashes included, so {@code *oposdrv*} finds the package anywhere), {@code ?} one character.
 * Slashes match backslashes.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    public static Glob of(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.replace('/', '\\').toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return new Glob(glob, Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
    }

    public boolean matches(String s) {
        return s != null && pattern.matcher(s.replace('/', '\\')).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
