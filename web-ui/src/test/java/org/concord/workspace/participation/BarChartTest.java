package org.concord.workspace.participation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BarChartTest {

    private static final List<BarChart.Measure> MEASURES = List.of(new BarChart.Measure("Comments", "comments"),
            new BarChart.Measure("Amendments", "amendments"), new BarChart.Measure("Supports", "supports"));

    private static BarChart chart(BarChart.Category... categories) {
        return BarChart.of(MEASURES, List.of(categories), value -> String.format("%,d", value));
    }

    @Test
    void barsAreProportionalToTheirValuesWithinAColumnAndTheLargestFillsIt() {
        BarChart chart = chart(new BarChart.Category("France", 10, 3, 1), new BarChart.Category("Kenya", 5, 6, 4),
                new BarChart.Category("Japan", 2, 0, 8));

        for (int column = 0; column < 3; column++) {
            double space = chart.columns().get(column).barSpace();
            long max = 0;
            for (BarChart.Row row : chart.rows()) {
                max = Math.max(max, row.bars().get(column).amount());
            }
            for (BarChart.Row row : chart.rows()) {
                BarChart.Bar bar = row.bars().get(column);
                assertThat(bar.width()).isCloseTo(space * bar.amount() / max, within(0.1));
            }
        }
        assertThat(chart.rows().get(0).bars().get(0).width()).isCloseTo(2 * chart.rows().get(1).bars().get(0).width(), within(0.15));
        assertThat(chart.rows().get(0).bars().get(0).width()).isEqualTo(chart.columns().get(0).barSpace());
    }

    @Test
    void aZeroHasNoBarButItsValueIsWrittenAtTheColumnsStart() {
        BarChart chart = chart(new BarChart.Category("France", 4, 0, 2));

        BarChart.Bar zero = chart.rows().get(0).bars().get(1);
        assertThat(zero.width()).isZero();
        assertThat(zero.value()).isEqualTo("0");
        assertThat(zero.x()).isEqualTo(chart.columns().get(1).x());
        assertThat(zero.valueX()).isEqualTo(zero.x() + BarChart.VALUE_GAP);
    }

    @Test
    void allZerosDrawNoBarsAndNoNaN() {
        BarChart chart = chart(new BarChart.Category("State", 0, 0, 0), new BarChart.Category("NGO", 0, 0, 0));

        assertThat(chart.rows()).allSatisfy(row -> assertThat(row.bars()).allSatisfy(bar -> {
            assertThat(bar.width()).isZero();
            assertThat(Double.isFinite(bar.valueX())).isTrue();
            assertThat(bar.value()).isEqualTo("0");
        }));
        assertThat(chart.viewBox()).doesNotContain("NaN");
    }

    @Test
    void oneHugeValueKeepsTheSmallOnesVisibleAndEveryValueInsideTheChart() {
        BarChart chart = chart(new BarChart.Category("Undisclosed", 1_000_000, 1, 1), new BarChart.Category("Ghana", 1, 1, 0));

        BarChart.Bar huge = chart.rows().get(0).bars().get(0);
        BarChart.Bar tiny = chart.rows().get(1).bars().get(0);
        assertThat(huge.width()).isEqualTo(chart.columns().get(0).barSpace());
        assertThat(tiny.width()).isEqualTo(BarChart.MIN_BAR);
        // the huge value's text ends before the next column begins
        double textEnd = huge.valueX() + huge.value().length() * BarChart.CHARACTER_WIDTH;
        assertThat(textEnd).isLessThanOrEqualTo(chart.columns().get(1).x());
        for (BarChart.Row row : chart.rows()) {
            BarChart.Bar last = row.bars().get(2);
            assertThat(last.valueX() + last.value().length() * BarChart.CHARACTER_WIDTH).isLessThanOrEqualTo(chart.width());
        }
    }

    @Test
    void aLongLabelIsShortenedAndTheBarsStartAfterTheLabelsSpace() {
        String longName = "South Georgia and the South Sandwich Islands";
        BarChart chart = chart(new BarChart.Category(longName, 1, 1, 1), new BarChart.Category("Chad", 2, 2, 2));

        BarChart.Row shortened = chart.rows().get(0);
        assertThat(shortened.shortened()).isTrue();
        assertThat(shortened.label()).endsWith("…").startsWith("South Georgia");
        assertThat(shortened.label().length() * BarChart.CHARACTER_WIDTH).isLessThanOrEqualTo(BarChart.MAX_LABEL_WIDTH);
        assertThat(chart.rows().get(1).label()).isEqualTo("Chad");
        assertThat(chart.rows().get(1).shortened()).isFalse();
        assertThat(shortened.labelX()).isEqualTo(BarChart.MAX_LABEL_WIDTH);
        assertThat(chart.columns().get(0).x()).isGreaterThan(shortened.labelX());
    }

    @Test
    void shortLabelsLeaveMoreRoomToTheBars() {
        BarChart narrow = chart(new BarChart.Category("EU", 1, 1, 1));
        BarChart wide = chart(new BarChart.Category("International organisation", 1, 1, 1));

        assertThat(narrow.columns().get(0).barSpace()).isGreaterThan(wide.columns().get(0).barSpace());
        assertThat(wide.rows().get(0).shortened()).isFalse();
    }

    @Test
    void rowsStackDownwardsAndTheHeightHoldsThemAll() {
        BarChart chart = chart(new BarChart.Category("A", 1, 1, 1), new BarChart.Category("B", 1, 1, 1), new BarChart.Category("C", 1, 1, 1));

        assertThat(chart.rows()).extracting(BarChart.Row::stripeY).containsExactly(30.0, 56.0, 82.0);
        assertThat(chart.rows()).extracting(BarChart.Row::striped).containsExactly(true, false, true);
        assertThat(chart.height()).isGreaterThanOrEqualTo(82.0 + BarChart.ROW_HEIGHT);
        assertThat(chart.viewBox()).isEqualTo("0 0 720 " + (long) chart.height());
    }
}
