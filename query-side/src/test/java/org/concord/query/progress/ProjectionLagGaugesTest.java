package org.concord.query.progress;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A projection's lag, as an operator's alert reads it. */
class ProjectionLagGaugesTest {

    private static final Instant NOW = Instant.parse("2025-04-04T10:00:30Z");

    @Test
    void a_projection_behind_lags_by_the_events_up_to_the_safe_position_and_the_age_of_the_oldest() {
        ProjectionLagGauges.Lag lag = ProjectionLagGauges.Lag.of(40, 52, Optional.of(Instant.parse("2025-04-04T10:00:18.500Z")), NOW);

        assertThat(lag.position()).isEqualTo(40);
        assertThat(lag.events()).isEqualTo(12);
        assertThat(lag.seconds()).isEqualTo(11.5);
    }

    @Test
    void a_projection_at_the_safe_position_does_not_lag() {
        ProjectionLagGauges.Lag lag = ProjectionLagGauges.Lag.of(52, 52, Optional.empty(), NOW);

        assertThat(lag.events()).isZero();
        assertThat(lag.seconds()).isZero();
    }

    @Test
    void a_projection_past_the_safe_position_does_not_lag_a_negative_amount() {
        ProjectionLagGauges.Lag lag = ProjectionLagGauges.Lag.of(60, 52, Optional.of(Instant.parse("2025-04-04T10:00:00Z")), NOW);

        assertThat(lag.position()).isEqualTo(60);
        assertThat(lag.events()).isZero();
        assertThat(lag.seconds()).isZero();
    }

    @Test
    void an_event_stamped_by_a_clock_ahead_of_ours_waits_no_negative_time() {
        ProjectionLagGauges.Lag lag = ProjectionLagGauges.Lag.of(40, 41, Optional.of(NOW.plusSeconds(2)), NOW);

        assertThat(lag.events()).isEqualTo(1);
        assertThat(lag.seconds()).isZero();
    }
}
