/**
 * The knowledge base: Microsoft's allocated filter altitudes (generated from windows-driver-docs by
 * {@link io.lockscope.analysis.kb.AltitudeTableGenerator}), load-order groups, vendor name normalisation,
 * agent processes per vendor and product, and Microsoft's inbox filters (servicing.md §4). Entry point:
 * {@link io.lockscope.analysis.kb.KnowledgeBase#standard()}.
 */
package io.lockscope.analysis.kb;
