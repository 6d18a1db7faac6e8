package org.concord.workspace.participation;

import java.util.List;

/**
 * Who took part in a consultation and how: the totals, then comments, amendments and supports by
 * stakeholder type and by country, each as a chart and as a table of the same figures.
 *
 * @param totals    the consultation's totals, in the order shown
 * @param breakdowns by stakeholder type, then by country
 * @param active    whether anyone commented, proposed or supported anything yet
 */
record ParticipationPage(List<Total> totals, List<Breakdown> breakdowns, boolean active) {

    /** One figure of the totals: its name and its value, formatted. */
    record Total(String label, String value) {
    }

    /**
     * One breakdown: its heading, the chart and the table.
     *
     * @param id        the stem of its element ids ({@code by-type}, {@code by-country})
     * @param heading   the section's heading
     * @param chartName the chart's accessible name (also its visible caption)
     * @param caption   the table's caption
     * @param category  the heading of the table's first column
     * @param chart     null when there is nothing to chart
     * @param rows      the table's rows, in the chart's order
     */
    record Breakdown(String id, String heading, String chartName, String caption, String category, BarChart chart,
                     List<TableRow> rows) {
    }

    /** A row of a breakdown's table. */
    record TableRow(String name, String participants, String comments, String amendments, String supports) {
    }
}
