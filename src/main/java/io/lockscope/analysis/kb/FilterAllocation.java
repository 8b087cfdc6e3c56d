package io.lockscope.analysis.kb;

/**
 * One row of Microsoft's allocated-altitudes page: a minifilter file, its altitude (a decimal string,
 * possibly fractional) and the company it was allocated to, with the load-order group section it is
 * listed under.
 *
 * @param note what the page wrote after the file name ({@code (Renamed)}, {@code on 64bit}), else empty
 */
public record FilterAllocation(String driver, String altitude, String company, String group, String note) {
}
