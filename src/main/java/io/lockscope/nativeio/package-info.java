/**
 * Native helpers reached through JNA, and the only package that imports JNA. Each helper exists
 * because a JMH benchmark measured it well ahead of its pure-Java twin, which stays as the fallback
 * (no library for this platform, {@code -Dlockscope.native=false}) and as the oracle that tests compare
 * it with byte for byte. The C sources are in {@code native-helpers/}.
 */
package io.lockscope.nativeio;
