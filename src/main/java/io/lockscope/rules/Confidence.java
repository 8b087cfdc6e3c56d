package io.lockscope.rules;

/** How sure a verdict is, strongest first. */
public enum Confidence {
    HIGH, MEDIUM, LOW;

    public String id() {
        return name().toLowerCase();
    }
}
