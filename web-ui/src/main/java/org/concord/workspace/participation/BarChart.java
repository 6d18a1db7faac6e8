package org.concord.workspace.participation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A horizontal bar chart drawn as small multiples: one row per category (a stakeholder type, a country),
 * one column per measure (comments, amendments, supports), each column with its own scale, so that a
 * measure is told by its column and its heading, not by colour. Every coordinate is computed here, in the
 * SVG's user units (the {@code viewBox} is {@code 0 0 width height}); the template only writes them out.
 * Each bar's value is written at its end, and a zero value has no bar but still its "0".
 *
 * @param width   the width of the view box
 * @param height  the height of the view box
 * @param columns the measures, left to right
 * @param rows    the categories, top to bottom, in the order given
 */
public record BarChart(double width, double height, List<Column> columns, List<Row> rows) {

    /** The view box's width; the chart scales with the page, its text with it. */
    static final double WIDTH = 720;
    static final double HEADER_HEIGHT = 30;
    static final double ROW_HEIGHT = 26;
    static final double BAR_HEIGHT = 16;
    /** The font size of labels and values (user units), and the width of an average character in it. */
    static final double FONT_SIZE = 13;
    static final double CHARACTER_WIDTH = 7.4;
    static final double MAX_LABEL_WIDTH = 210;
    static final double MIN_LABEL_WIDTH = 60;
    static final double GAP = 8;
    static final double VALUE_GAP = 4;
    /** A non-zero value never gets a bar shorter than this, so that it is not taken for a zero. */
    static final double MIN_BAR = 1.5;

    /** One measure: its heading, its CSS modifier ({@code chart__bar--<key>}), where its bars start and their longest length. */
    public record Column(String name, String key, double x, double headingX, double headingY, double barSpace) {
    }

    /**
     * One category.
     *
     * @param label     its name, shortened with "…" when it would not fit
     * @param shortened whether {@code label} was shortened (the table beside the chart has the whole name)
     * @param labelX    where the label ends (it is right-aligned against the bars)
     * @param textY     the baseline of the row's texts
     * @param stripeY   the top of the row's band; every other row has a band ({@code striped})
     */
    public record Row(String label, boolean shortened, double labelX, double textY, double stripeY, double stripeHeight,
                      boolean striped, List<Bar> bars) {
    }

    /** One value: its bar ({@code width} 0 for a zero) and its text, written just after the bar's end. */
    public record Bar(String key, long amount, String value, double x, double y, double width, double height,
                      double valueX, double valueY) {
    }

    /** A category and its values, one per measure, in the measures' order. */
    public record Category(String label, long... values) {
    }

    /** A measure: the heading of its column and the key of its CSS class. */
    public record Measure(String name, String key) {
    }

    /**
     * Lays out {@code categories} (in the order given) against {@code measures}, writing values with
     * {@code format} (the page's number format).
     */
    public static BarChart of(List<Measure> measures, List<Category> categories, LongFunction<String> format) {
        int longest = categories.stream().mapToInt(category -> category.label().codePointCount(0, category.label().length())).max().orElse(0);
        double labelWidth = Math.min(MAX_LABEL_WIDTH, Math.max(MIN_LABEL_WIDTH, longest * CHARACTER_WIDTH));
        int maxCharacters = (int) Math.floor(MAX_LABEL_WIDTH / CHARACTER_WIDTH);
        double plotLeft = labelWidth + GAP;
        double columnWidth = measures.isEmpty() ? 0 : (WIDTH - plotLeft) / measures.size();

        List<Column> columns = new ArrayList<>();
        double[] scale = new double[measures.size()];
        for (int m = 0; m < measures.size(); m++) {
            long max = 0;
            int widestValue = 1;
            for (Category category : categories) {
                long value = category.values()[m];
                max = Math.max(max, value);
                widestValue = Math.max(widestValue, format.apply(value).length());
            }
            double x = plotLeft + m * columnWidth;
            double valueSpace = VALUE_GAP + widestValue * CHARACTER_WIDTH;
            double barSpace = Math.max(0, columnWidth - GAP - valueSpace);
            scale[m] = max == 0 ? 0 : barSpace / max;
            columns.add(new Column(measures.get(m).name(), measures.get(m).key(), round(x), round(x), round(HEADER_HEIGHT - 10), round(barSpace)));
        }

        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < categories.size(); r++) {
            Category category = categories.get(r);
            double top = HEADER_HEIGHT + r * ROW_HEIGHT;
            double barY = top + (ROW_HEIGHT - BAR_HEIGHT) / 2;
            double textY = top + ROW_HEIGHT / 2 + FONT_SIZE * 0.35;
            List<Bar> bars = new ArrayList<>();
            for (int m = 0; m < measures.size(); m++) {
                long value = category.values()[m];
                double length = value <= 0 ? 0 : Math.max(MIN_BAR, value * scale[m]);
                double x = columns.get(m).x();
                bars.add(new Bar(measures.get(m).key(), value, format.apply(value), x, round(barY), round(length), BAR_HEIGHT,
                        round(x + length + VALUE_GAP), round(textY)));
            }
            String label = category.label();
            boolean shortened = label.codePointCount(0, label.length()) > maxCharacters;
            if (shortened) {
                label = label.substring(0, label.offsetByCodePoints(0, maxCharacters - 1)).strip() + "…";
            }
            rows.add(new Row(label, shortened, round(labelWidth), round(textY), round(top), ROW_HEIGHT, r % 2 == 0, bars));
        }
        return new BarChart(WIDTH, round(HEADER_HEIGHT + categories.size() * ROW_HEIGHT + GAP / 2), columns, rows);
    }

    /** The view box, as the {@code viewBox} attribute wants it. */
    public String viewBox() {
        return "0 0 " + format(width) + " " + format(height);
    }

    /** Where a column's axis ends at the bottom. */
    public double axisBottom() {
        return round(HEADER_HEIGHT + rows.size() * ROW_HEIGHT);
    }

    public double axisTop() {
        return HEADER_HEIGHT;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
